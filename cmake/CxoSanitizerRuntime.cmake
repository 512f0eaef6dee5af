# cxo_sanitizer_runtime(<var>): in a sanitizer build (CXO_SANITIZE), set <var>
# to the AddressSanitizer runtime of the C compiler (a real path), else to "".
# An interpreter that is not instrumented (lua5.4, python3) must load it first,
# through LD_PRELOAD, before it loads the instrumented library.
function(cxo_sanitizer_runtime var)
  set(runtime "")
  if(CXO_SANITIZE)
    foreach(name libasan.so libclang_rt.asan-x86_64.so)
      execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=${name}
        OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      if(IS_ABSOLUTE "${path}" AND EXISTS "${path}")
        get_filename_component(runtime ${path} REALPATH)
        break()
      endif()
    endforeach()
  endif()
  set(${var} "${runtime}" PARENT_SCOPE)
endfunction()
