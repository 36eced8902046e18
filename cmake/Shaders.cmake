# Compiles GLSL to SPIR-V at build time and embeds it as a C array include ("<name>.spv.inc"),
# so the binaries carry their shaders and never look for .spv files at run time.
# glslc writes a depfile, so editing an #included GLSL file rebuilds the shaders that use it.
function(dermasim_add_shaders target)
  set(outputs)
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/spirv)
  foreach(src IN LISTS ARGN)
    get_filename_component(name ${src} NAME)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/spirv/${name}.spv.inc)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${GLSLC} --target-env=vulkan1.3 -O -mfmt=num -I ${CMAKE_CURRENT_SOURCE_DIR}
              -MD -MF ${out}.d -o ${out} ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPFILE ${out}.d
      COMMENT "glslc ${src}"
      VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  add_custom_target(${target}_spirv DEPENDS ${outputs})
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE ${CMAKE_CURRENT_BINARY_DIR}/spirv)
  add_dependencies(${target} ${target}_spirv)
endfunction()
