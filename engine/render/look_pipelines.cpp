#include "engine/render/look_pipelines.hpp"

namespace dermasim {

LookPipelines::LookPipelines(VkDevice device, const vk::GraphicsPipelineDesc& desc) : device_(device), desc_(desc) {
    get(Look::Illustrated);  // the default look: made now, so a bad shader fails at start, not mid-frame
}

VkPipeline LookPipelines::get(Look look) {
    vk::Pipeline& pipeline = pipelines_[static_cast<size_t>(look)];
    if (!pipeline) {
        const VkBool32 histology = look == Look::Histology;
        const VkSpecializationMapEntry entry{0, 0, sizeof histology};
        const VkSpecializationInfo specialization{1, &entry, sizeof histology, &histology};
        vk::GraphicsPipelineDesc desc = desc_;
        desc.fragment_specialization = &specialization;
        pipeline = vk::make_graphics_pipeline(device_, desc);
    }
    return pipeline;
}

}  // namespace dermasim
