#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace dermasim {

// The five layers of the skin block, from the surface down.
enum class Layer : std::uint8_t { StratumCorneum, ViableEpidermis, PapillaryDermis, ReticularDermis, Hypodermis };
inline constexpr int kLayerCount = 5;

// Stable machine names (used in JSON files and reports).
inline constexpr std::array<std::string_view, kLayerCount> kLayerKeys = {
    "stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis", "hypodermis"};
// Names for people (labels, legends).
inline constexpr std::array<std::string_view, kLayerCount> kLayerNames = {
    "Stratum corneum", "Viable epidermis", "Papillary dermis", "Reticular dermis", "Hypodermis (fat)"};

// Names for clients and visitors (SkinView::plain_words).
inline constexpr std::array<std::string_view, kLayerCount> kLayerPlainNames = {
    "Surface layer", "Outer skin (epidermis)", "Upper dermis", "Deeper dermis", "Fat"};

inline std::string_view layer_key(Layer l) { return kLayerKeys[static_cast<int>(l)]; }
inline std::string_view layer_name(Layer l) { return kLayerNames[static_cast<int>(l)]; }
inline std::string_view layer_name(Layer l, bool plain) {
    return plain ? kLayerPlainNames[static_cast<int>(l)] : layer_name(l);
}

}  // namespace dermasim
