#include "engine/render/look_pipelines.hpp"

namespace dermasim {

LookPipelines::LookPipelines(VkDevice device, const vk::GraphicsPipelineDesc& desc, bool surface)
    : device_(device), desc_(desc), surface_(surface) {
    get(Look::Illustrated);  // the default look: made now, so a bad shader fails at start, not mid-frame
}

VkPipeline LookPipelines::get(Look look) {
    vk::Pipeline& pipeline = pipelines_[static_cast<size_t>(look)];
    if (!pipeline) {
        const VkBool32 constants[2] = {look == Look::Histology, surface_};
        const VkSpecializationMapEntry entries[2] = {{0, 0, sizeof(VkBool32)}, {1, sizeof(VkBool32), sizeof(VkBool32)}};
        const VkSpecializationInfo specialization{2, entries, sizeof constants, constants};
        vk::GraphicsPipelineDesc desc = desc_;
        desc.fragment_specialization = &specialization;
        pipeline = vk::make_graphics_pipeline(device_, desc);
    }
    return pipeline;
}

}  // namespace dermasim
