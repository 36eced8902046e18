#pragma once
// Draws the dermaroller or the pen from its glTF model over the skin block, inside the renderer's
// dynamic-rendering scope. The models are uploaded once to device-local buffers; each part is drawn with its
// own push constants (model matrix, colour, metallic/roughness), so the drum and its needles can turn while the
// handle stays still.
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <vulkan/vulkan.h>

#include "engine/io/device_model.hpp"
#include "engine/render/skin_view.hpp"
#include "engine/vk/buffer.hpp"
#include "engine/vk/handle.hpp"

namespace dermasim {
namespace vk { class Context; }

// Throws Error when a pose has a non-finite number (it would draw nothing, or garbage, without a word).
void check_device_pose(const DevicePose& pose);

// A pose from the kinematics' patch coordinates: patch point (0..kPatchSizeMm, centred on the block, patch y =
// world z) and direction of travel (patch (0, 1) = world +z = heading 0). A zero heading vector keeps heading 0.
DevicePose device_pose_on_patch(DevicePose::Kind kind, glm::vec2 patch_mm, glm::vec2 heading,
                                float drum_angle_rad = 0.0f, float lift_mm = 0.0f);

// Model space to world space for one part of a device at a pose. Roller: the drum axis sits drum_radius_mm +
// lift above the surface point, "drum" and "needles" turned by drum_angle about +x. Pen: stood on its cartridge
// face (model -z points down), lift above the surface point. Both then turn by heading about +y.
glm::mat4 device_part_matrix(const DevicePose& pose, std::string_view part, float drum_radius_mm);

// The drum's radius as modelled: the largest distance of a "drum" vertex from the x axis.
float drum_radius_mm(const DeviceModel& roller);

class DevicePass {
public:
    DevicePass(const vk::Context& context, int frame_slots, const DeviceModel& roller, const DeviceModel& pen,
               VkFormat color_format);

    // Draws the posed device. Call inside a scope with color_format/kDepthFormat attachments and viewport set,
    // at most once per slot and frame (the slot's camera constants are rewritten here). slot < frame_slots.
    void draw(VkCommandBuffer cmd, int slot, const glm::mat4& view_proj, const glm::vec3& camera_pos,
              const DevicePose& pose);

    float roller_drum_radius_mm() const { return roller_.drum_radius_mm; }

private:
    struct DrawPart {
        std::string name;
        Material material;
        uint32_t first_index = 0;
        uint32_t index_count = 0;
        int32_t vertex_offset = 0;
    };
    struct GpuModel {
        vk::Buffer vertices;  // interleaved position, normal (mm)
        vk::Buffer indices;
        std::vector<DrawPart> parts;
        float drum_radius_mm = 0;
    };
    GpuModel upload(const DeviceModel& model);

    const vk::Context& context_;
    vk::DescriptorSetLayout set_layout_;
    vk::DescriptorPool pool_;
    vk::PipelineLayout layout_;
    vk::Pipeline pipeline_;
    vk::Pipeline ghost_pipeline_;  // blended, no depth writes: drawn after the solid parts
    vk::Pipeline xray_pipeline_;   // blended, no depth test: a ghosted device's needles seen inside the skin
    std::vector<vk::Buffer> frames_;  // per slot: view_proj, camera, light (written while others are in flight)
    std::vector<VkDescriptorSet> sets_;
    GpuModel roller_;
    GpuModel pen_;
};

}  // namespace dermasim
