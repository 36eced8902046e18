#include "engine/render/device_pass.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "engine/core/error.hpp"
#include "engine/io/gltf_mesh.hpp"
#include "engine/render/frame_target.hpp"
#include "engine/skin/tissue_grid.hpp"
#include "engine/vk/commands.hpp"
#include "engine/vk/context.hpp"
#include "engine/vk/descriptors.hpp"
#include "engine/vk/pipeline.hpp"

namespace dermasim {
namespace {
const uint32_t kDeviceVert[] = {
#include "device.vert.spv.inc"
};
const uint32_t kDeviceFrag[] = {
#include "device.frag.spv.inc"
};

// Mirrors the uniform block in shaders/device.vert and device.frag (std140, vec4/mat4 only).
struct FrameConstants {
    glm::mat4 view_proj;
    glm::vec4 camera_pos;
    glm::vec4 light_dir;
};

// Mirrors the push-constant block in the device shaders.
struct PartConstants {
    glm::mat4 model;
    glm::vec4 base_color;  // linear RGBA
    glm::vec4 material;    // x: metallic, y: roughness
};
static_assert(sizeof(PartConstants) == 96);

struct Vertex {
    glm::vec3 position;
    glm::vec3 normal;
};

// The vertex and index fetches of later draws read what the upload copied.
constexpr vk::Access kVertexInput{VK_PIPELINE_STAGE_2_VERTEX_ATTRIBUTE_INPUT_BIT | VK_PIPELINE_STAGE_2_INDEX_INPUT_BIT,
                                  VK_ACCESS_2_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_2_INDEX_READ_BIT};

bool finite(glm::vec3 v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

}  // namespace

void check_device_pose(const DevicePose& pose) {
    if (!finite(pose.position_mm)) throw Error("device pose: position_mm is not a finite point");
    if (!std::isfinite(pose.heading_rad)) throw Error("device pose: heading_rad is not a finite number");
    if (!std::isfinite(pose.drum_angle_rad)) throw Error("device pose: drum_angle_rad is not a finite number");
    if (!std::isfinite(pose.lift_mm)) throw Error("device pose: lift_mm is not a finite number");
}

namespace {
constexpr float kGhostAlpha = 0.18f;  // a ghosted body's opacity face-on; its silhouette edges are near opaque
constexpr float kNeedleXrayAlpha = 0.45f;  // needles seen through the skin
}  // namespace

DevicePose device_pose_on_patch(DevicePose::Kind kind, glm::vec2 patch_mm, glm::vec2 heading, float drum_angle_rad,
                                float lift_mm) {
    DevicePose pose;
    pose.kind = kind;
    pose.position_mm = glm::vec3(patch_mm.x - kPatchSizeMm / 2, 0.0f, patch_mm.y - kPatchSizeMm / 2);
    // Turning +z about +y by h gives (sin h, 0, cos h); patch (x, y) is world (x, z).
    pose.heading_rad = (heading.x == 0.0f && heading.y == 0.0f) ? 0.0f : std::atan2(heading.x, heading.y);
    pose.drum_angle_rad = drum_angle_rad;
    pose.lift_mm = lift_mm;
    check_device_pose(pose);
    return pose;
}

glm::mat4 device_part_matrix(const DevicePose& pose, std::string_view part, float drum_radius_mm) {
    const glm::vec3 x(1, 0, 0), y(0, 1, 0);
    glm::mat4 m(1.0f);
    if (pose.kind == DevicePose::Roller) {
        m = glm::translate(m, pose.position_mm + glm::vec3(0, drum_radius_mm + pose.lift_mm, 0));
        m = glm::rotate(m, pose.heading_rad, y);
        // The model author's convention: turning the drum by a turns its needle mounts by +a about +x.
        if (part == "drum" || part == "needles") m = glm::rotate(m, pose.drum_angle_rad, x);
    } else {
        m = glm::translate(m, pose.position_mm + glm::vec3(0, pose.lift_mm, 0));
        m = glm::rotate(m, pose.heading_rad, y);
        m = glm::rotate(m, -glm::half_pi<float>(), x);  // model -z (the needles) to world -y
    }
    return m;
}

float drum_radius_mm(const DeviceModel& roller) {
    float radius = 0;
    for (glm::vec3 p : roller.part("drum").mesh.positions) radius = std::max(radius, std::hypot(p.y, p.z));
    if (!(radius > 0)) throw Error(roller.source + ": the drum has no extent around the x axis");
    return radius;
}

DevicePass::DevicePass(const vk::Context& context, int frame_slots, const DeviceModel& roller,
                       const DeviceModel& pen, VkFormat color_format)
    : context_(context) {
    VkDevice device = context.device();
    const vk::Binding bindings[] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT}};
    set_layout_ = vk::make_set_layout(device, bindings);
    VkDescriptorSetLayout set_layout = set_layout_;
    layout_ = vk::make_pipeline_layout(device, {&set_layout, 1}, sizeof(PartConstants),
                                       VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT);

    vk::GraphicsPipelineDesc desc;
    desc.layout = layout_;
    desc.color_format = color_format;
    desc.depth_format = kDepthFormat;
    desc.vertex = kDeviceVert;
    desc.fragment = kDeviceFrag;
    desc.cull = VK_CULL_MODE_BACK_BIT;
    desc.bindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    desc.attributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
                       {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)}};
    pipeline_ = vk::make_graphics_pipeline(device, desc);
    desc.alpha_blend = true;
    desc.depth_write = false;
    ghost_pipeline_ = vk::make_graphics_pipeline(device, desc);
    desc.depth_test = false;
    xray_pipeline_ = vk::make_graphics_pipeline(device, desc);

    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, uint32_t(frame_slots)};
    pool_ = vk::make_descriptor_pool(device, uint32_t(frame_slots), {&size, 1});
    for (int i = 0; i < frame_slots; ++i) {
        frames_.emplace_back(context, sizeof(FrameConstants), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                             vk::MemoryUse::Upload);
        VkDescriptorSet set = vk::allocate_set(device, pool_, set_layout);
        const VkBuffer frame = frames_.back();  // exactly one FrameConstants: the whole buffer is the block
        vk::write_buffers(device, set, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, {&frame, 1});
        sets_.push_back(set);
    }

    roller_ = upload(roller);
    roller_.drum_radius_mm = drum_radius_mm(roller);
    pen_ = upload(pen);
}

DevicePass::GpuModel DevicePass::upload(const DeviceModel& model) {
    GpuModel gpu;
    std::vector<Vertex> vertices;
    std::vector<uint32_t> indices;
    for (const Part& part : model.parts) {
        const Mesh& mesh = part.mesh;
        if (mesh.normals.size() != mesh.positions.size())
            throw Error(model.source + ": part \"" + part.name + "\" has " + std::to_string(mesh.normals.size()) +
                        " normals for " + std::to_string(mesh.positions.size()) + " positions");
        if (mesh.indices.empty()) continue;
        gpu.parts.push_back({part.name, part.material, uint32_t(indices.size()), uint32_t(mesh.indices.size()),
                             int32_t(vertices.size())});
        for (std::size_t i = 0; i < mesh.positions.size(); ++i) vertices.push_back({mesh.positions[i], mesh.normals[i]});
        indices.insert(indices.end(), mesh.indices.begin(), mesh.indices.end());
    }
    if (indices.empty()) throw Error(model.source + ": the model has no triangles to draw");

    VkDeviceSize vertex_bytes = vertices.size() * sizeof(Vertex), index_bytes = indices.size() * sizeof(uint32_t);
    vk::Buffer staging(context_, vertex_bytes + index_bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, vk::MemoryUse::Upload);
    std::memcpy(staging.mapped(), vertices.data(), vertex_bytes);
    std::memcpy(static_cast<char*>(staging.mapped()) + vertex_bytes, indices.data(), index_bytes);
    staging.flush();
    gpu.vertices = vk::Buffer(context_, vertex_bytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT |
                              VK_BUFFER_USAGE_TRANSFER_DST_BIT, vk::MemoryUse::Device);
    gpu.indices = vk::Buffer(context_, index_bytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                             vk::MemoryUse::Device);
    vk::OneShotCommands commands(context_);
    commands.run([&](VkCommandBuffer cmd) {
        VkBufferCopy vertex_copy{0, 0, vertex_bytes}, index_copy{vertex_bytes, 0, index_bytes};
        vkCmdCopyBuffer(cmd, staging, gpu.vertices, 1, &vertex_copy);
        vkCmdCopyBuffer(cmd, staging, gpu.indices, 1, &index_copy);
        vk::buffer_barrier(cmd, gpu.vertices, vk::access::TransferWrite, kVertexInput);
        vk::buffer_barrier(cmd, gpu.indices, vk::access::TransferWrite, kVertexInput);
    });
    return gpu;
}

void DevicePass::draw(VkCommandBuffer cmd, int slot, const glm::mat4& view_proj, const glm::vec3& camera_pos,
                      const DevicePose& pose) {
    check_device_pose(pose);
    // The same key light as the skin block, so device and skin read as one scene.
    FrameConstants frame{view_proj, glm::vec4(camera_pos, 1.0f),
                         glm::vec4(glm::normalize(glm::vec3(0.45f, 0.85f, 0.55f)), 0.0f)};
    std::memcpy(frames_[slot].mapped(), &frame, sizeof frame);

    const GpuModel& model = pose.kind == DevicePose::Roller ? roller_ : pen_;
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &sets_[slot], 0, nullptr);
    VkDeviceSize offset = 0;
    VkBuffer vertices = model.vertices;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vertices, &offset);
    vkCmdBindIndexBuffer(cmd, model.indices, 0, VK_INDEX_TYPE_UINT32);
    // Solid parts first (all of them, or only the needles of a ghosted device), then the see-through body over
    // them: it tests depth but writes none, so the skin and needles behind it stay visible. Last, a ghosted
    // device's needles once more without the depth test, faintly: the part inside the skin shows through the
    // surface and the cut face, so needles can be seen entering the skin.
    enum Pass { Solid, Ghost, Xray };
    for (Pass pass : {Solid, Ghost, Xray}) {
        if (pass != Solid && !pose.ghost) break;
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS,
                          pass == Solid ? pipeline_ : pass == Ghost ? ghost_pipeline_ : xray_pipeline_);
        for (const DrawPart& part : model.parts) {
            const bool needles = part.name == "needles";
            const bool wanted = pass == Solid ? !pose.ghost || needles : pass == Ghost ? !needles : needles;
            if (!wanted) continue;
            glm::vec4 colour = part.material.base_color;
            colour.a = pass == Solid ? 1.0f : pass == Ghost ? kGhostAlpha : kNeedleXrayAlpha;
            PartConstants constants{device_part_matrix(pose, part.name, model.drum_radius_mm), colour,
                                    glm::vec4(part.material.metallic, part.material.roughness, 0.0f, 0.0f)};
            vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                               sizeof constants, &constants);
            vkCmdDrawIndexed(cmd, part.index_count, 1, part.first_index, part.vertex_offset, 0);
        }
    }
}

}  // namespace dermasim
