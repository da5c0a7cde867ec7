#include "PasteEdit.h"

#include <QFontDatabase>
#include <QMimeData>
#include <QUrl>

namespace headerlens {

namespace {

QStringList localFiles(const QMimeData* source)
{
    QStringList paths;
    if (!source || !source->hasUrls())
        return paths;
    for (const QUrl& url : source->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

PasteEdit::PasteEdit(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setAccessibleName(tr("Headers or message to analyse"));
    setPlaceholderText(tr("Paste the raw headers or the whole bounce message here (Ctrl+V)\n\n"
                          "Received: from mail.example.org (mail.example.org [198.51.100.5])\n"
                          "        by mx.example.net with ESMTPS id 4Xk...; Fri, 27 Nov 2026 10:00:03 +0000\n"
                          "From: ...\n"
                          "Subject: ..."));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true);
}

bool PasteEdit::canInsertFromMimeData(const QMimeData* source) const
{
    // Files dragged over the area are for the window (which opens them), not text to insert.
    if (!localFiles(source).isEmpty())
        return false;
    return QPlainTextEdit::canInsertFromMimeData(source);
}

void PasteEdit::insertFromMimeData(const QMimeData* source)
{
    const QStringList files = localFiles(source);
    if (!files.isEmpty()) {
        Q_EMIT filesPasted(files);
        return;
    }
    const bool wasEmpty = document()->isEmpty();
    QPlainTextEdit::insertFromMimeData(source);
    if (wasEmpty && !document()->isEmpty())
        Q_EMIT pastedIntoEmpty();
}

} // namespace headerlens
