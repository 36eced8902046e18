#pragma once
// A test hook for error paths that real drivers rarely take. Armed, a later check throws as if the device had
// run out of memory, at a point where the object being built already holds some of its handles: the
// constructor must then release them (the validation layer's object tracker names any it did not).
namespace dermasim::vk {

void arm_out_of_memory(int checks_to_pass);  // the check after `checks_to_pass` more passes fails, once; -1 disarms
void check_out_of_memory(const char* call);  // throws Error(call, VK_ERROR_OUT_OF_DEVICE_MEMORY) when due

}  // namespace dermasim::vk
