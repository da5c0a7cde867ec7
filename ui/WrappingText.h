#pragma once

#include <QTextEdit>

namespace headerlens {

// Read-only plain text that wraps to any width, inside words when it must (a server reply with a
// long URL or token never widens the window), grows to show all of it, and can be selected and
// copied exactly as given. Links stay text. Tab moves on instead of being taken.
class WrappingText final : public QTextEdit
{
    Q_OBJECT
public:
    explicit WrappingText(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return toPlainText(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fitHeight();
};

} // namespace headerlens
