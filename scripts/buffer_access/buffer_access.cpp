// scripts/buffer_access.sh: floats per second through each kind of compute-shader binding (see there).
// One standalone file on purpose: it measures the driver, not DermaSim, so it uses nothing of the engine.
#include <vulkan/vulkan.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

void check(VkResult r, const char* what) {
    if (r == VK_SUCCESS) return;
    std::fprintf(stderr, "buffer_access: %s failed (VkResult %d)\n", what, int(r));
    std::exit(1);
}

std::vector<char> read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        std::fprintf(stderr, "buffer_access: cannot read %s\n", path.c_str());
        std::exit(1);
    }
    return {std::istreambuf_iterator<char>(f), {}};
}

constexpr uint32_t kFloats = 4u << 20;  // 16 MiB per buffer
constexpr int kDispatches = 10;        // per timed submission
constexpr int kRepeats = 5;            // timed submissions per shader; the median is reported

// Each shader reads element i of A and writes element i of B, through the bindings its name says.
struct Variant {
    const char* shader;
    const char* reads;
    const char* writes;
    uint32_t floats_per_invocation;
};
const Variant kVariants[] = {
    {"storage_buffer", "storage buffer", "storage buffer", 1},
    {"storage_buffer_vec4", "storage buffer (vec4)", "storage buffer (vec4)", 4},
    {"texel_read_storage_write", "uniform texel buffer", "storage buffer", 1},
    {"texel_read_image_write", "uniform texel buffer", "storage texel buffer", 1},
    {"texel_vec4_read_vec4_write", "uniform texel buffer (vec4)", "storage buffer (vec4)", 4},
};

}  // namespace

int main() {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.apiVersion = VK_API_VERSION_1_3;
    VkInstanceCreateInfo instance_info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    instance_info.pApplicationInfo = &app;
    VkInstance instance;
    check(vkCreateInstance(&instance_info, nullptr, &instance), "vkCreateInstance");
    uint32_t count = 1;
    VkPhysicalDevice physical;
    if (vkEnumeratePhysicalDevices(instance, &count, &physical) < 0 || count == 0) {
        std::fprintf(stderr, "buffer_access: no Vulkan device\n");
        return 1;
    }
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(physical, &props);
    std::printf("device: %s\n", props.deviceName);

    float priority = 1;
    VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueCount = 1;  // family 0: graphics and compute on every driver DermaSim runs on
    queue_info.pQueuePriorities = &priority;
    VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    VkDevice device;
    check(vkCreateDevice(physical, &device_info, nullptr, &device), "vkCreateDevice");
    VkQueue queue;
    vkGetDeviceQueue(device, 0, 0, &queue);

    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(physical, &memory);
    auto make_buffer = [&](VkBuffer& buffer, VkBufferView& view) {
        VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
        info.size = VkDeviceSize(kFloats) * 4;
        info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT |
                     VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT;
        check(vkCreateBuffer(device, &info, nullptr, &buffer), "vkCreateBuffer");
        VkMemoryRequirements req;
        vkGetBufferMemoryRequirements(device, buffer, &req);
        uint32_t type = 0;
        for (uint32_t t = 0; t < memory.memoryTypeCount; ++t)
            if ((req.memoryTypeBits >> t & 1) &&
                (memory.memoryTypes[t].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) {
                type = t;
                break;
            }
        VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
        alloc.allocationSize = req.size;
        alloc.memoryTypeIndex = type;
        VkDeviceMemory mem;
        check(vkAllocateMemory(device, &alloc, nullptr, &mem), "vkAllocateMemory");
        check(vkBindBufferMemory(device, buffer, mem, 0), "vkBindBufferMemory");
        VkBufferViewCreateInfo view_info{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
        view_info.buffer = buffer;
        view_info.format = VK_FORMAT_R32_SFLOAT;
        view_info.range = VK_WHOLE_SIZE;
        check(vkCreateBufferView(device, &view_info, nullptr, &view), "vkCreateBufferView");
    };
    VkBuffer a, b;
    VkBufferView a_view, b_view;
    make_buffer(a, a_view);
    make_buffer(b, b_view);
    VkBufferViewCreateInfo quad_info{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
    quad_info.buffer = a;
    quad_info.format = VK_FORMAT_R32G32B32A32_SFLOAT;
    quad_info.range = VK_WHOLE_SIZE;
    VkBufferView a_quads;
    check(vkCreateBufferView(device, &quad_info, nullptr, &a_quads), "vkCreateBufferView");

    // 0: A as storage, 1: B as storage, 2: A as uniform texels, 3: B as storage texels, 4: A as uniform texels of
    // four floats.
    constexpr uint32_t kBindings = 5;
    const VkDescriptorType types[kBindings] = {
        VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER,
        VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER};
    VkDescriptorSetLayoutBinding bindings[kBindings];
    for (uint32_t i = 0; i < kBindings; ++i) bindings[i] = {i, types[i], 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set_info.bindingCount = kBindings;
    set_info.pBindings = bindings;
    VkDescriptorSetLayout set_layout;
    check(vkCreateDescriptorSetLayout(device, &set_info, nullptr, &set_layout), "vkCreateDescriptorSetLayout");
    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, 4};
    VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &set_layout;
    layout_info.pushConstantRangeCount = 1;
    layout_info.pPushConstantRanges = &push;
    VkPipelineLayout layout;
    check(vkCreatePipelineLayout(device, &layout_info, nullptr, &layout), "vkCreatePipelineLayout");
    const VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2},
                                          {VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 2},
                                          {VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER, 1}};
    VkDescriptorPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool_info.maxSets = 1;
    pool_info.poolSizeCount = 3;
    pool_info.pPoolSizes = sizes;
    VkDescriptorPool pool;
    check(vkCreateDescriptorPool(device, &pool_info, nullptr, &pool), "vkCreateDescriptorPool");
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &set_layout;
    VkDescriptorSet set;
    check(vkAllocateDescriptorSets(device, &alloc, &set), "vkAllocateDescriptorSets");
    const VkDescriptorBufferInfo a_info{a, 0, VK_WHOLE_SIZE}, b_info{b, 0, VK_WHOLE_SIZE};
    VkWriteDescriptorSet writes[kBindings];
    for (uint32_t i = 0; i < kBindings; ++i) {
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = set;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = types[i];
    }
    writes[0].pBufferInfo = &a_info;
    writes[1].pBufferInfo = &b_info;
    writes[2].pTexelBufferView = &a_view;
    writes[3].pTexelBufferView = &b_view;
    writes[4].pTexelBufferView = &a_quads;
    vkUpdateDescriptorSets(device, kBindings, writes, 0, nullptr);

    VkCommandPoolCreateInfo command_pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    VkCommandPool command_pool;
    check(vkCreateCommandPool(device, &command_pool_info, nullptr, &command_pool), "vkCreateCommandPool");

    double baseline = 0;
    std::printf("%-28s %-24s %14s %8s\n", "reads through", "writes through", "M floats/s", "ratio");
    for (const Variant& v : kVariants) {
        const std::vector<char> code = read_file(std::string(v.shader) + ".spv");
        VkShaderModuleCreateInfo module_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
        module_info.codeSize = code.size();
        module_info.pCode = reinterpret_cast<const uint32_t*>(code.data());
        VkShaderModule module;
        check(vkCreateShaderModule(device, &module_info, nullptr, &module), "vkCreateShaderModule");
        VkComputePipelineCreateInfo pipeline_info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
        pipeline_info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0,
                               VK_SHADER_STAGE_COMPUTE_BIT, module, "main", nullptr};
        pipeline_info.layout = layout;
        VkPipeline pipeline;
        check(vkCreateComputePipelines(device, VK_NULL_HANDLE, 1, &pipeline_info, nullptr, &pipeline),
              "vkCreateComputePipelines");
        VkCommandBufferAllocateInfo cmd_info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        cmd_info.commandPool = command_pool;
        cmd_info.commandBufferCount = 1;
        VkCommandBuffer cmd;
        check(vkAllocateCommandBuffers(device, &cmd_info, &cmd), "vkAllocateCommandBuffers");
        VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        check(vkBeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer");
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout, 0, 1, &set, 0, nullptr);
        vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, 4, &kFloats);
        const uint32_t invocations = kFloats / v.floats_per_invocation;
        for (int d = 0; d < kDispatches; ++d) {
            vkCmdDispatch(cmd, (invocations + 255) / 256, 1, 1);
            // Each dispatch rewrites B: order the writes (write-after-write).
            VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_SHADER_WRITE_BIT,
                                    VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT};
            vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1,
                                 &barrier, 0, nullptr, 0, nullptr);
        }
        check(vkEndCommandBuffer(cmd), "vkEndCommandBuffer");
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cmd;
        std::vector<double> rates;
        for (int r = 0; r <= kRepeats; ++r) {  // the first run compiles and faults pages in: not counted
            const auto t0 = std::chrono::steady_clock::now();
            check(vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE), "vkQueueSubmit");
            check(vkQueueWaitIdle(queue), "vkQueueWaitIdle");
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (r > 0) rates.push_back(double(kFloats) * kDispatches / s / 1e6);
        }
        std::sort(rates.begin(), rates.end());
        const double rate = rates[rates.size() / 2];
        if (baseline == 0) baseline = rate;
        std::printf("%-28s %-24s %14.1f %7.2fx\n", v.reads, v.writes, rate, rate / baseline);
    }
    return 0;  // the process's exit releases the device's objects
}
