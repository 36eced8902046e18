#pragma once
// The consultation's story: the steps a clinician clicks through, each a view of the skin with a plain-language
// caption. Words only come from here; the numbers on screen (depths, days) come from the catalogue and the
// simulated course when the step is shown.
#include <string_view>

#include "engine/render/skin_view.hpp"

namespace dermasim::app {

enum class StoryScene {
    Layers,         // untreated skin with its layers named
    Channels,       // just after the roller: open channels, the device, the magnified cut
    Repair,         // weeks later: new collagen in the cut
    Serum,          // hours after: serum in the channels
    Feeling,        // the reddened surface on the day
    Treats,         // months later: the result the treatment aims at
    NotCellulite,   // the thigh: the needle's reach against the depth of the fat
};

struct StoryStep {
    std::string_view title;
    std::string_view caption;
    StoryScene scene;
    // The day of the client's simulated course to show; < 0: untreated skin. The window shows the latest snapshot
    // at or before it, and the course keeps one every 3 h on day 0 (HealingPlayer): a step 2.4 h after the
    // treatment showed the moment of treatment, before any serum had soaked in or any redness had risen.
    double day;
    Overlay overlay;   // what the cut shows
};

inline constexpr StoryStep kStory[] = {
    {"What skin is made of",
     "Skin has layers, named on the right of the block. On top, a thin protective layer (the epidermis). Below it, "
     "the dermis (pink in the cut): it is full of collagen, a protein that holds skin together and keeps it smooth "
     "and firm. With age the body makes "
     "less collagen and what is there slowly breaks down.",
     StoryScene::Layers, -1.0, Overlay::None},
    {"The roller makes tiny channels",
     "The roller's fine needles make thousands of tiny channels, each a fraction of a millimetre wide. The close-up on the "
     "right shows them in the cut through the skin. They close again within hours.",
     StoryScene::Channels, 0.0, Overlay::Channels},
    {"The body fills them with new collagen",
     "The body treats each channel as a tiny wound. Over the following weeks it lays down new collagen (orange "
     "fibres in the close-up, teal once they mature) and grows new tiny blood vessels; over months this can make "
     "the skin thicker and firmer.",
     StoryScene::Repair, 42.0, Overlay::Collagen},
    {"Serum goes deeper through the channels",
     "A serum put on right after treatment can pass through the open channels (shown in the cut), past the outer "
     "layer that keeps most of it out of intact skin, until they close within hours.",
     StoryScene::Serum, 0.125, Overlay::Serum},
    {"What it feels like",
     "For most treatments a numbing cream goes on first, usually for 30 to 60 minutes; the shortest needles need "
     "none. During treatment most people feel pressure and movement, and some discomfort is common. Afterwards "
     "the skin is red, tingly and a little swollen, like a sunburn; for most people this is gone within a day or "
     "two.",
     StoryScene::Feeling, 0.125, Overlay::None},
    {"What it treats",
     "Micro-needling is used mainly for acne scars and other scars, stretch marks, uneven texture and fine lines. "
     "Results build slowly, over months, as new collagen forms, and differ from person to person.",
     StoryScene::Treats, 150.0, Overlay::Collagen},
    {"What it does not treat: cellulite",
     "Cellulite sits in the fat under the skin, below what micro-needles reach: they go in less deep than their "
     "length, as the skin gives under them. The scale on the right compares the longest needle with the depth of "
     "the fat on the thigh.",
     StoryScene::NotCellulite, -1.0, Overlay::None},
};
inline constexpr int kStorySteps = int(sizeof kStory / sizeof kStory[0]);

}  // namespace dermasim::app
