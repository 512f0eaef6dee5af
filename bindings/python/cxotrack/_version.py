"""The binding's version: the version of the C API (include/cxotrack.h) it was
written for. It equals CXO_VERSION_MAJOR/MINOR/PATCH of the header and CMake's
project version; tests/test_native.py checks both, and the build backend refuses
to build a wheel from a tree where they differ."""

VERSION_MAJOR = 0
VERSION_MINOR = 1
VERSION_PATCH = 0

__version__ = "%d.%d.%d" % (VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH)
