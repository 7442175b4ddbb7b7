#ifndef TIPTOE_CLIBNOTIFY_SHIM_H
#define TIPTOE_CLIBNOTIFY_SHIM_H

// libnotify and the parts of GLib the agent's main loop uses, with typed wrappers for the
// macros and variadic functions Swift cannot call.
#include <glib.h>
#include <glib-unix.h>
#include <gio/gio.h>
#include <libnotify/notify.h>

/// G_SOURCE_CONTINUE / G_SOURCE_REMOVE as plain values.
static const gboolean tiptoe_source_continue = TRUE;
static const gboolean tiptoe_source_remove = FALSE;

/// The "closed" signal handler type.
typedef void (*tiptoe_closed_callback)(NotifyNotification *notification, gpointer data);

/// Connects `callback` to the notification's "closed" signal; `destroy` frees `data` with the handler.
static inline gulong tiptoe_connect_closed(
  NotifyNotification *notification, tiptoe_closed_callback callback, gpointer data, GClosureNotify destroy)
{
  return g_signal_connect_data(notification, "closed", G_CALLBACK(callback), data, destroy, (GConnectFlags)0);
}

/// The server's id of a shown notification (0 before the first show).
static inline gint tiptoe_notification_id(NotifyNotification *notification) {
  gint id = 0;
  g_object_get(notification, "id", &id, NULL);
  return id;
}

/// Sets the id the next show replaces (a notification shown by an earlier process).
static inline void tiptoe_notification_set_id(NotifyNotification *notification, gint id) {
  g_object_set(notification, "id", id, NULL);
}

/// Sets the app name sent with this notification.
static inline void tiptoe_notification_set_app_name(NotifyNotification *notification, const char *name) {
  g_object_set(notification, "app-name", name, NULL);
}

/// A string hint (e.g. "desktop-entry").
static inline void tiptoe_set_hint_string(NotifyNotification *notification, const char *key, const char *value) {
  notify_notification_set_hint(notification, key, g_variant_new_string(value));
}

/// A boolean hint (e.g. "resident", "transient").
static inline void tiptoe_set_hint_bool(NotifyNotification *notification, const char *key, gboolean value) {
  notify_notification_set_hint(notification, key, g_variant_new_boolean(value));
}

/// The message of a GError, or "" for none.
static inline const char *tiptoe_error_message(const GError *error) {
  return error && error->message ? error->message : "";
}

/// Runs `notify_notification_show`, or `notify_notification_close` when `close`, on a GLib worker
/// thread (GTask): libnotify only calls the server synchronously, and a server that never answers
/// would hold the caller for D-Bus's 25 s. `callback` runs on the caller's thread-default main
/// context; finish with `tiptoe_task_finish`.
static inline void tiptoe_call_in_thread(GTask *task, gpointer source, gpointer data, GCancellable *cancellable) {
  GError *error = NULL;
  NotifyNotification *notification = NOTIFY_NOTIFICATION(source);
  gboolean done = GPOINTER_TO_INT(data) ? notify_notification_close(notification, &error)
                                        : notify_notification_show(notification, &error);
  if (done) {
    g_task_return_boolean(task, TRUE);
  } else {
    g_task_return_error(task, error);
  }
}

static inline void tiptoe_call_async(
  NotifyNotification *notification, gboolean close, GAsyncReadyCallback callback, gpointer data)
{
  GTask *task = g_task_new(notification, NULL, callback, data);
  g_task_set_task_data(task, GINT_TO_POINTER(close), NULL);
  g_task_run_in_thread(task, tiptoe_call_in_thread);
  g_object_unref(task);
}

/// The outcome of a `tiptoe_call_async`: TRUE, or FALSE with `error` set.
static inline gboolean tiptoe_task_finish(GAsyncResult *result, GError **error) {
  return g_task_propagate_boolean(G_TASK(result), error);
}

#endif
