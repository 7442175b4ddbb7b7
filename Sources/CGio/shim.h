#ifndef TIPTOE_CGIO_SHIM_H
#define TIPTOE_CGIO_SHIM_H

// GDBus (GLib's gio) for the agent's presence monitor, with typed wrappers for what Swift cannot
// call: the casts behind G_VARIANT_TYPE and the fields of a GError.
#include <gio/gio.h>

/// A GVariant of type `type_string` ("b", "u", "t", "s", "o", "a{sv}" ...), or NULL for another.
static inline GVariant *tiptoe_variant_if(GVariant *value, const char *type_string) {
  return value && g_variant_is_of_type(value, (const GVariantType *)type_string) ? value : NULL;
}

/// The message of a GError, or "" for none.
static inline const char *tiptoe_gio_error_message(const GError *error) {
  return error && error->message ? error->message : "";
}

#endif
