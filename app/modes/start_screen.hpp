#pragma once
// The front door of the window: what each mode is for, and a button into each one that is built.
#include "app/modes/mode.hpp"

namespace dermasim::app {

class StartScreen final : public Mode {
public:
    std::string_view name() const override { return "start"; }
    void frame(const FrameInput& input, double dt_s, SkinView& view) override;

private:
    float turn_deg_ = 0.0f;  // the block turns slowly behind the cards
};

}  // namespace dermasim::app
