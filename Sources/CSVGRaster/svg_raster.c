#include "svg_raster.h"
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

struct buffer { unsigned char *bytes; size_t length, capacity; int failed; };

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int length) {
    struct buffer *buffer = closure;
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity * 2 : 4096;
        while (capacity < buffer->length + length) capacity *= 2;
        unsigned char *grown = realloc(buffer->bytes, capacity);
        if (!grown) { buffer->failed = 1; return CAIRO_STATUS_NO_MEMORY; }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, length);
    buffer->length += length;
    return CAIRO_STATUS_SUCCESS;
}

static int fail(char **error, const char *message) {
    *error = strdup(message ? message : "unknown error");
    return -1;
}

int punchcard_svg_to_png(const unsigned char *svg, size_t svg_length, int width, int height,
                         unsigned char **png, size_t *png_length, char **error) {
    *png = NULL; *png_length = 0; *error = NULL;
    if (width <= 0 || height <= 0 || width > 4096 || height > 4096) return fail(error, "size out of range");
    GError *gerror = NULL;
    RsvgHandle *handle = rsvg_handle_new_from_data(svg, svg_length, &gerror);
    if (!handle) {
        int result = fail(error, gerror ? gerror->message : "not an SVG document");
        if (gerror) g_error_free(gerror);
        return result;
    }
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create(surface);
    RsvgRectangle viewport = { 0, 0, width, height };
    gboolean drawn = rsvg_handle_render_document(handle, cr, &viewport, &gerror);
    int result = 0;
    if (!drawn) {
        result = fail(error, gerror ? gerror->message : "the SVG could not be drawn");
        if (gerror) g_error_free(gerror);
    } else {
        cairo_surface_flush(surface);
        struct buffer buffer = { NULL, 0, 0, 0 };
        cairo_status_t status = cairo_surface_write_to_png_stream(surface, append, &buffer);
        if (status != CAIRO_STATUS_SUCCESS || buffer.failed) {
            free(buffer.bytes);
            result = fail(error, cairo_status_to_string(status));
        } else {
            *png = buffer.bytes;
            *png_length = buffer.length;
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    return result;
}
