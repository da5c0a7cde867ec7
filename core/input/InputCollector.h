#pragma once

#include "InputItem.h"

#include <QList>
#include <QStringList>

namespace headerlens {

// Turns what the user named (files, folders, mbox files, Maildirs) into the list of files to read,
// in a stable order, without reading them yet:
// - a folder is walked recursively, its entries sorted by name; hidden files and folders are
//   skipped, except the Maildir++ sub-folders (".Bounces") of a Maildir, and so are files that
//   are plainly no mail by their name (pictures, documents, archives, audio, video, databases,
//   programs: counted in `skipped`); a file named explicitly is always read;
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
        int skipped = 0; // files in the folders walked that are plainly no mail

        QString skippedNote() const; // "3 files that are no mail (pictures, documents ...) were left out."
    };
    static Result collect(const QStringList& paths);

    static bool isMaildir(const QString& folder);
    // A file found in a folder that is plainly no mail, by its suffix (.png, .pdf, .zip ...).
    static bool isPlainlyNotMail(const QString& fileName);
    // Reads the first bytes of a file to tell an mbox from a single message.
    static InputFormat sniff(const QString& path);
};

} // namespace headerlens
