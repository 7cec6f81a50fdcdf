# Crypto++ for WebAssembly, compiled from Debian's libcrypto++ source package.
# The source is fetched once with `apt-get source` into the build tree and the
# objects stay there, so later builds do not recompile it. Only the files the
# core uses are compiled (hashes, HMAC, Base64/Hex, ECDSA P-256, Ed25519, RSA,
# AES-GCM, scrypt, PBKDF2, the OS random pool).
set(KF_CRYPTOPP_DIR ${CMAKE_BINARY_DIR}/cryptopp-src)
if(NOT EXISTS ${KF_CRYPTOPP_DIR}/cryptlib.cpp)
  set(fetch_dir ${CMAKE_BINARY_DIR}/cryptopp-fetch)
  file(REMOVE_RECURSE ${fetch_dir})
  file(MAKE_DIRECTORY ${fetch_dir})
  message(STATUS "Fetching Crypto++ source with apt-get source libcrypto++")
  execute_process(COMMAND apt-get source --download-only libcrypto++
                  WORKING_DIRECTORY ${fetch_dir} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "apt-get source libcrypto++ failed: run ./scripts/setup (needs a deb-src entry)")
  endif()
  file(GLOB orig ${fetch_dir}/libcrypto++_*.orig.tar.*)
  if(NOT orig)
    message(FATAL_ERROR "no libcrypto++ orig tarball in ${fetch_dir}")
  endif()
  file(MAKE_DIRECTORY ${KF_CRYPTOPP_DIR})
  # The orig tarball unpacks its files flat (Crypto++ zips have no top folder).
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar xf ${orig}
                  WORKING_DIRECTORY ${KF_CRYPTOPP_DIR} RESULT_VARIABLE rc)
  file(GLOB nested LIST_DIRECTORIES true ${KF_CRYPTOPP_DIR}/*)
  list(LENGTH nested n)
  if(n EQUAL 1 AND IS_DIRECTORY ${nested})
    file(GLOB inner ${nested}/*)
    file(COPY ${inner} DESTINATION ${KF_CRYPTOPP_DIR})
    file(REMOVE_RECURSE ${nested})
  endif()
  if(NOT EXISTS ${KF_CRYPTOPP_DIR}/cryptlib.cpp)
    message(FATAL_ERROR "Crypto++ source not found after unpacking ${orig}")
  endif()
endif()

set(KF_CRYPTOPP_UNITS
  algparam allocate asn authenc base64 basecode cryptlib dll donna_32 ec2n ecp filters fips140
  gcm gf2n gfpcrypt hex hmac hrtimer integer iterhash misc modes mqueue nbtheory oaep osrng
  pkcspad pubkey queue randpool rdtables rijndael rng rsa salsa scrypt sha xed25519 oids)
set(srcs)
foreach(unit ${KF_CRYPTOPP_UNITS})
  if(EXISTS ${KF_CRYPTOPP_DIR}/${unit}.cpp)
    list(APPEND srcs ${KF_CRYPTOPP_DIR}/${unit}.cpp)
  endif()
endforeach()

add_library(cryptopp_wasm STATIC ${srcs})
target_compile_options(cryptopp_wasm PRIVATE -O2 -fwasm-exceptions -w)
target_compile_definitions(cryptopp_wasm PUBLIC NDEBUG CRYPTOPP_DISABLE_ASM)
# Headers are included as <cryptopp/x.h>, as with Debian's native package.
set(KF_CRYPTOPP_INCLUDE ${CMAKE_BINARY_DIR}/cryptopp-include)
file(MAKE_DIRECTORY ${KF_CRYPTOPP_INCLUDE})
if(NOT EXISTS ${KF_CRYPTOPP_INCLUDE}/cryptopp)
  file(CREATE_LINK ${KF_CRYPTOPP_DIR} ${KF_CRYPTOPP_INCLUDE}/cryptopp SYMBOLIC)
endif()
target_include_directories(cryptopp_wasm PUBLIC ${KF_CRYPTOPP_INCLUDE})
