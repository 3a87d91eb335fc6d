#ifndef PUNCHCARD_SVG_RASTER_H
#define PUNCHCARD_SVG_RASTER_H
#include <stddef.h>

/// Draws an SVG document, scaled to fit and centred, into a transparent `width` × `height` PNG.
/// Returns 0 and sets *png (free with free()) and *png_length; else returns -1 and sets *error
/// (free with free()) to librsvg's or cairo's reason. librsvg and cairo stay behind this function:
/// their headers (GLib's) never reach Swift.
int punchcard_svg_to_png(const unsigned char *svg, size_t svg_length, int width, int height,
                         unsigned char **png, size_t *png_length, char **error);

#endif
