// libxml2 for VoxIngest's XML reader.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system's
// <unicode/ucnv.h>. Foundation ships its own, newer ICU (_FoundationICU) whose
// UErrorCode enum differs; a target that imports both fails to build when the module
// cache happens to meet them in that order. Vox never touches libxml2's ICU converter
// types, so the shim hides them: xmlversion.h is read first and LIBXML_ICU_ENABLED is
// undefined before any header that would include ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
