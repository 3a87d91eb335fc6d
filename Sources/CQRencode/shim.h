#include <qrencode.h>

// Exported by libqrencode.so.4 (and by every release since 3.0) but declared only in its internal
// headers (qrencode_inner.h, split.h); its own tests call them. QRcode_encodeString is exactly
// Split_splitStringToQRinput followed by QRcode_encodeMask(input, -1), where -1 scores all eight
// masks: about 90 % of its time. Punchcard names one mask instead (see QRCode.swift).
extern QRcode *QRcode_encodeMask(QRinput *input, int mask);
extern int Split_splitStringToQRinput(const char *string, QRinput *input, QRencodeMode hint, int casesensitive);
