#ifndef TIPTOE_CGIO_SHIM_H
#define TIPTOE_CGIO_SHIM_H

// GDBus and GSettings (GLib's gio) for the agent's presence monitor, with typed wrappers for what
// Swift cannot call: the casts behind G_VARIANT_TYPE and the fields of a GError.
#include <gio/gio.h>

/// A GVariant of type `type_string` ("b", "u", "t", "s", "o", "a{sv}" ...), or NULL for another.
static inline GVariant *tiptoe_variant_if(GVariant *value, const char *type_string) {
  return value && g_variant_is_of_type(value, (const GVariantType *)type_string) ? value : NULL;
}

/// Whether a GSettings key holds a boolean ("b").
static inline gboolean tiptoe_settings_key_is_boolean(GSettingsSchemaKey *key) {
  return g_variant_type_equal(g_settings_schema_key_get_value_type(key), G_VARIANT_TYPE_BOOLEAN);
}

/// The message of a GError, or "" for none.
static inline const char *tiptoe_gio_error_message(const GError *error) {
  return error && error->message ? error->message : "";
}

#endif
