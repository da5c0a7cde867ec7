#pragma once

#include "Analysis.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace headerlens {

// One input to analyse: a file or folder path, pasted text, or bytes (an example resource).
struct AnalysisInput
{
    enum class Kind
    {
        Path,
        Text,
        Bytes
    };
    Kind kind = Kind::Path;
    QString path;     // Kind::Path: a file, or a folder whose mail files are all analysed
    QString text;     // Kind::Text
    QByteArray bytes; // Kind::Bytes
    QString title;    // Text and Bytes: what the list shows ("Pasted text", an example's name)

    static AnalysisInput fromPath(const QString& path) { return {Kind::Path, path, {}, {}, {}}; }
    static AnalysisInput fromText(const QString& text, const QString& title)
    {
        return {Kind::Text, {}, text, {}, title};
    }
    static AnalysisInput fromBytes(const QByteArray& bytes, const QString& title)
    {
        return {Kind::Bytes, {}, {}, bytes, title};
    }
};

// One analysed input, as the window lists it.
struct AnalysisItem
{
    Analysis analysis;
    AnalysisInput::Kind inputKind = AnalysisInput::Kind::Path;
    QString title;    // file name, "Pasted text" or the example's name
    QString filePath; // absolute path for files, empty otherwise
    qint64 elapsedMs = 0;
    QDateTime analyzedAt; // local time the analysis ran (the PDF report states it)

    // Nothing could be read: no header field at all (unreadable file, binary, empty paste) and no
    // reply either (a reply text has recipients without header fields).
    bool isUnusable() const { return analysis.message.headers.isEmpty() && analysis.recipients.isEmpty(); }
};

} // namespace headerlens
