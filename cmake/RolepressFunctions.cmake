# rolepress_export(): export PDFs from role blueprints as build steps.
#
#   include(RolepressFunctions)   # after find_program or with rolepress on PATH
#   rolepress_export(
#     KIND jd|guide|handbook       # the document kind
#     INPUTS file.xml... | dir     # blueprints (handbook: the directory of xml/)
#     OUTPUT <file.pdf or dir>     # one PDF, or a directory of <id>.pdf
#     [OUTPUTS out1.pdf ...]       # with a directory: the PDFs it will hold
#     [OPTIONS --paper letter ...] # more rolepress options
#     [TARGET name])               # a target that builds them (default: KIND)
#
# Each command writes a depfile, so that a change to any blueprint,
# stylesheet (imports included), schema, ladder, font or hyphenation
# dictionary reruns it, and nothing else does; outputs whose bytes would
# not change keep their time stamps.
if(NOT ROLEPRESS_EXECUTABLE)
  find_program(ROLEPRESS_EXECUTABLE rolepress
    HINTS "${CMAKE_CURRENT_LIST_DIR}/../../../bin" REQUIRED)
endif()

function(rolepress_export)
  cmake_parse_arguments(RP "" "KIND;OUTPUT;TARGET" "INPUTS;OUTPUTS;OPTIONS" ${ARGN})
  if(NOT RP_KIND OR NOT RP_INPUTS OR NOT RP_OUTPUT)
    message(FATAL_ERROR "rolepress_export: KIND, INPUTS and OUTPUT are required")
  endif()
  if(NOT RP_TARGET)
    set(RP_TARGET ${RP_KIND})
  endif()
  set(outputs ${RP_OUTPUTS})
  if(NOT outputs)
    set(outputs ${RP_OUTPUT})
  endif()
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/rolepress-${RP_TARGET}.stamp")
  set(depfile "${CMAKE_CURRENT_BINARY_DIR}/rolepress-${RP_TARGET}.d")
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.20 AND CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
    set(dep DEPFILE ${depfile})
  endif()
  # rolepress makes an output directory (-o DIR), not a missing directory
  # above an output file: make it here, as make rules do (mkdir -p $(@D)).
  get_filename_component(outdir "${RP_OUTPUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  get_filename_component(outdir "${outdir}" DIRECTORY)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory "${outdir}"
    COMMAND ${ROLEPRESS_EXECUTABLE} ${RP_KIND} ${RP_INPUTS} -o ${RP_OUTPUT}
            --depfile ${depfile} ${RP_OPTIONS}
    DEPENDS ${RP_INPUTS}
    ${dep}
    COMMENT "rolepress ${RP_KIND} -> ${RP_OUTPUT}"
    VERBATIM)
  add_custom_target(${RP_TARGET} ALL DEPENDS ${outputs})
endfunction()
