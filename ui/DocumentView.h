#pragma once

#include <QTextBrowser>

namespace headerlens {

// A read-only rich-text page for the document tabs. Links are never followed or activated: the
// HTML it shows is built by AnalysisHtml with every message value escaped, and any URL in a
// server reply stays plain text.
class DocumentView final : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DocumentView(QWidget* parent = nullptr);

    // Sets the page, with a style sheet that follows the palette.
    void setPage(const QString& html);

    // The width lines wrap at: the view's, at most about 160 characters.
    int readableWidth() const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitWidth();

    QString m_html;
};

} // namespace headerlens
