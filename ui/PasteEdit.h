#pragma once

#include <QPlainTextEdit>

namespace headerlens {

// The paste area of the first screen. A paste into the empty area is analysed at once (the
// usual case: copy the headers, press Ctrl+V); a paste into existing text only inserts, so
// editing works as in any editor. Pasted or dropped files are handed on as files.
class PasteEdit final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit PasteEdit(QWidget* parent = nullptr);

Q_SIGNALS:
    void pastedIntoEmpty();
    void filesPasted(const QStringList& paths);

protected:
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;
};

} // namespace headerlens
