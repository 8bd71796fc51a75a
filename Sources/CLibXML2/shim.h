#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers then clash with Foundation's own copy of ICU.
// Lectern never touches an encoding handler's ICU fields (only pointers to handlers), so the
// declarations are read without them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
