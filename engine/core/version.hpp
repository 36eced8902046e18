#pragma once
// The DermaSim version (CMake's project version), written into sessions and reports.
namespace dermasim {
inline constexpr const char* kAppVersion = DERMASIM_VERSION;
}
