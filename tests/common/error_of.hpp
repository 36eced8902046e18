#pragma once
// The message of the dermasim::Error a call throws; a test failure (and "") when it throws none.
#include <string>
#include <gtest/gtest.h>

#include "engine/core/error.hpp"

namespace dermasim::test {

template <typename F>
std::string error_of(F&& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "no Error";
    return "";
}

}  // namespace dermasim::test
