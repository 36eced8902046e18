#include "engine/vk/context.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string_view>

#include "engine/core/error.hpp"

namespace dermasim::vk {
namespace {

std::atomic<uint64_t> g_validation_messages{0};
std::mutex g_last_message_mutex;
std::string g_last_message;

VKAPI_ATTR VkBool32 VKAPI_CALL on_validation_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                    VkDebugUtilsMessageTypeFlagsEXT,
                                                    const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
    if (severity < VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) return VK_FALSE;
    ++g_validation_messages;
    std::fprintf(stderr, "[vulkan validation] %s\n", data->pMessage);
    std::lock_guard lock(g_last_message_mutex);
    g_last_message = data->pMessage;
    return VK_FALSE;
}

const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool has_layer(const char* name) {
    uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    return std::any_of(layers.begin(), layers.end(), [&](const auto& l) { return std::string(l.layerName) == name; });
}

int preference(VkPhysicalDeviceType type) {
    switch (type) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
        default: return 0;
    }
}

const char* type_name(VkPhysicalDeviceType type) {
    switch (type) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU";
        default: return "other";
    }
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

DeviceInfo describe(VkPhysicalDevice device) {
    VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &driver};
    vkGetPhysicalDeviceProperties2(device, &props);
    return {props.properties.deviceName, type_name(props.properties.deviceType),
            std::string(driver.driverName) + " " + driver.driverInfo, props.properties.apiVersion};
}

std::vector<VkPhysicalDevice> enumerate(VkInstance instance) {
    uint32_t count = 0;
    vkEnumeratePhysicalDevices(instance, &count, nullptr);
    std::vector<VkPhysicalDevice> devices(count);
    vkEnumeratePhysicalDevices(instance, &count, devices.data());
    // Preferred first; stable so equal kinds keep the driver's order.
    std::stable_sort(devices.begin(), devices.end(), [](VkPhysicalDevice a, VkPhysicalDevice b) {
        VkPhysicalDeviceProperties pa, pb;
        vkGetPhysicalDeviceProperties(a, &pa);
        vkGetPhysicalDeviceProperties(b, &pb);
        return preference(pa.deviceType) > preference(pb.deviceType);
    });
    return devices;
}

bool has_device_extension(VkPhysicalDevice device, const char* name) {
    uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data());
    return std::any_of(extensions.begin(), extensions.end(),
                       [&](const VkExtensionProperties& e) { return std::string_view(e.extensionName) == name; });
}

std::optional<uint32_t> universal_queue_family(VkPhysicalDevice device) {
    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
    for (uint32_t i = 0; i < count; ++i) {
        const VkQueueFlags wanted = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
        if ((families[i].queueFlags & wanted) == wanted) return i;
    }
    return std::nullopt;
}

}  // namespace

Context::Context(const ContextOptions& options) {
    // A destructor does not run for a constructor that throws: no GPU, no matching --gpu or a failed device
    // creation must still destroy the instance and messenger made so far.
    try {
        create_instance(options);
        pick_device(options);
        create_device(options.swapchain);
    } catch (...) {
        release();
        throw;
    }
    if (!options.quiet)
        std::fprintf(stderr, "dermasim: using %s (%s, %s)%s\n", info_.name.c_str(), info_.type.c_str(),
                     info_.driver.c_str(), validation_ ? " with validation" : "");
}

Context::~Context() { release(); }

void Context::release() {
    if (device_) vkDeviceWaitIdle(device_);
    if (device_) vkDestroyDevice(device_, nullptr);
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(instance_, messenger_, nullptr);
    }
    if (instance_) vkDestroyInstance(instance_, nullptr);
    device_ = VK_NULL_HANDLE;
    messenger_ = VK_NULL_HANDLE;
    instance_ = VK_NULL_HANDLE;
}

void Context::create_instance(const ContextOptions& options) {
    validation_ = options.validation;
    std::vector<const char*> extensions = options.instance_extensions;
    std::vector<const char*> layers;
    if (validation_) {
        if (!has_layer(kValidationLayer))
            throw Error(std::string("validation was requested but the layer ") + kValidationLayer +
                        " is not installed (Debian: apt-get install vulkan-validationlayers)");
        layers.push_back(kValidationLayer);
        extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "DermaSim";
    app.pEngineName = "DermaSim";
    app.apiVersion = VK_API_VERSION_1_3;

    // Synchronization validation is what catches missing barriers on lavapipe, which hides them.
    VkValidationFeatureEnableEXT enables[] = {VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
    VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
    features.enabledValidationFeatureCount = 1;
    features.pEnabledValidationFeatures = enables;

    VkDebugUtilsMessengerCreateInfoEXT messenger{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messenger.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                            VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                            VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messenger.pfnUserCallback = on_validation_message;
    features.pNext = &messenger;  // also reports problems during instance creation and destruction

    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pNext = validation_ ? &features : nullptr;
    info.pApplicationInfo = &app;
    info.enabledLayerCount = uint32_t(layers.size());
    info.ppEnabledLayerNames = layers.data();
    info.enabledExtensionCount = uint32_t(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    VkResult result = vkCreateInstance(&info, nullptr, &instance_);
    if (result == VK_ERROR_INCOMPATIBLE_DRIVER)
        throw Error("no Vulkan driver is installed: install your GPU's driver, or Mesa's CPU driver lavapipe "
                    "(Debian: apt-get install mesa-vulkan-drivers)");
    if (result != VK_SUCCESS) throw Error("vkCreateInstance", result, __FILE__, __LINE__);

    if (validation_) {
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
        VK_CHECK(create(instance_, &messenger, nullptr, &messenger_));
    }
}

void Context::pick_device(const ContextOptions& options) {
    const std::string& wanted = options.gpu;
    auto devices = enumerate(instance_);
    if (devices.empty())
        throw Error("no Vulkan device found: install your GPU's driver, or Mesa's CPU driver lavapipe "
                    "(Debian: apt-get install mesa-vulkan-drivers)");
    std::string known;
    for (VkPhysicalDevice d : devices) {
        DeviceInfo info = describe(d);
        known += (known.empty() ? "" : ", ") + info.name;
        if (!wanted.empty() && lower(info.name).find(lower(wanted)) == std::string::npos) continue;
        if (VK_API_VERSION_MINOR(info.api_version) < 3 && VK_API_VERSION_MAJOR(info.api_version) == 1) continue;
        auto family = universal_queue_family(d);
        if (!family) continue;
        if (options.swapchain && (!has_device_extension(d, VK_KHR_SWAPCHAIN_EXTENSION_NAME) ||
                                  (options.can_present && !options.can_present(instance_, d, *family)))) {
            known += " (cannot present to this window)";
            continue;
        }
        physical_ = d;
        queue_family_ = *family;
        info_ = info;
        break;
    }
    if (!physical_) {
        if (!wanted.empty())
            throw Error("--gpu '" + wanted + "' matches no usable Vulkan 1.3 device (found: " + known + ")");
        throw Error(std::string("no Vulkan 1.3 device with a graphics+compute queue") +
                    (options.swapchain ? " that can present to this window" : "") + " (found: " + known + ")");
    }
    vkGetPhysicalDeviceProperties(physical_, &properties_);
    vkGetPhysicalDeviceMemoryProperties(physical_, &memory_);
}

void Context::create_device(bool swapchain) {
    float priority = 1.0f;
    VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue.queueFamilyIndex = queue_family_;
    queue.queueCount = 1;
    queue.pQueuePriorities = &priority;

    VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    VkPhysicalDeviceVulkan12Features v12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES, &v13};
    v12.hostQueryReset = VK_TRUE;  // every 1.2 device has it; render/moving_picture_timer.cpp resets from the host
    v13.dynamicRendering = VK_TRUE;
    v13.synchronization2 = VK_TRUE;
    v13.maintenance4 = VK_TRUE;  // glslc emits LocalSizeId for compute workgroup sizes, which needs it
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &v12};

    std::vector<const char*> extensions;
    if (swapchain) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);

    VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &features};
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queue;
    info.enabledExtensionCount = uint32_t(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    VK_CHECK(vkCreateDevice(physical_, &info, nullptr, &device_));
    vkGetDeviceQueue(device_, queue_family_, 0, &queue_);
}

uint32_t Context::find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags wanted) const {
    for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i)
        if ((type_bits & (1u << i)) && (memory_.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
    throw Error("no Vulkan memory type with the needed properties on " + info_.name);
}

void Context::submit(const VkSubmitInfo2& submit, VkFence fence) const {
    std::lock_guard lock(queue_mutex_);
    VK_CHECK(vkQueueSubmit2(queue_, 1, &submit, fence));
}

VkResult Context::present(const VkPresentInfoKHR& present) const {
    std::lock_guard lock(queue_mutex_);
    return vkQueuePresentKHR(queue_, &present);
}

void Context::wait_idle() const {
    std::lock_guard lock(queue_mutex_);
    VK_CHECK(vkDeviceWaitIdle(device_));
}

void Context::wait_idle_quietly() const noexcept {
    std::lock_guard lock(queue_mutex_);
    vkDeviceWaitIdle(device_);
}

uint64_t Context::validation_message_count() { return g_validation_messages.load(); }

std::string Context::last_validation_message() {
    std::lock_guard lock(g_last_message_mutex);
    return g_last_message;
}

std::vector<DeviceInfo> Context::list_devices(VkInstance instance) {
    std::vector<DeviceInfo> out;
    for (VkPhysicalDevice d : enumerate(instance)) out.push_back(describe(d));
    return out;
}

}  // namespace dermasim::vk
