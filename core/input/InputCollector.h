#pragma once

#include "InputItem.h"

#include <QList>
#include <QStringList>

namespace headerlens {

// Turns what the user named (files, folders, mbox files, Maildirs) into the list of files to read,
// in a stable order, without reading them yet:
// - a folder is walked recursively, its entries sorted by name; hidden files and folders are
//   skipped, except the Maildir++ sub-folders (".Bounces") of a Maildir;
// - a Maildir (a folder with cur/ and new/) contributes the files of new/ and cur/, never tmp/
//   (messages still being written);
// - a file whose first line is an mbox separator followed by a header field is an mbox;
// - a path that cannot be read is kept, as InputFormat::Missing with the reason, so that it gets
//   its own row like any other input.
class InputCollector final
{
public:
    struct Result
    {
        QList<InputFile> files;
        qint64 totalBytes = 0;
    };
    static Result collect(const QStringList& paths);

    static bool isMaildir(const QString& folder);
    // Reads the first bytes of a file to tell an mbox from a single message.
    static InputFormat sniff(const QString& path);
};

} // namespace headerlens
