// Linked into every program of the sanitizer build only (CMakeLists.txt, DERMASIM_SANITIZE).
// The Vulkan loader unloads the driver (lavapipe) and the validation layer at vkDestroyInstance. What they keep
// for the life of the process is then reported by LeakSanitizer from "<unknown module>", which no suppression
// can name. With every library kept loaded, LeakSanitizer sees whose memory it is: the suppressions in
// lsan.supp name the driver and the layer, and a leak of DermaSim's own still fails the test.
extern "C" int dlclose(void*) { return 0; }
