#include "engine/sim/copy_bandwidth.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include "engine/vk/context.hpp"
#include "tests/gpu/gpu_test.hpp"

namespace dermasim {
namespace {

using test::gpu;

class CopyBandwidthTest : public test::GpuTest {};

TEST_F(CopyBandwidthTest, BothCopiesAreTimedOverBuffersTheShaderCanBind) {
    const VkDeviceSize range = gpu().limits().maxStorageBufferRange;
    // Asked for more than a storage binding reaches (lavapipe: 128 MiB), the copies use what it reaches, in
    // whole 16-byte invocations; the shader's copy is checked to have written its target (else it throws).
    const CopyBandwidth over = measure_copy_bandwidth(gpu(), range + 4096, 1);
    EXPECT_EQ(over.bytes, range / 16 * 16);
    EXPECT_GT(over.transfer_gb_s, 0);
    EXPECT_GT(over.shader_gb_s, 0);
    EXPECT_EQ(over.best_gb_s(), std::max(over.transfer_gb_s, over.shader_gb_s));
    const CopyBandwidth small = measure_copy_bandwidth(gpu(), (1u << 20) + 20, 2);
    EXPECT_EQ(small.bytes, (1u << 20) + 16);
}

}  // namespace
}  // namespace dermasim
