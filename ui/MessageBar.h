#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace headerlens {

// An inline message strip above the content, in the manner of KMessageWidget: errors and notes
// are shown here instead of in a storm of dialogs. The text is always plain text.
class MessageBar final : public QWidget
{
    Q_OBJECT
public:
    enum class Kind
    {
        Information,
        Warning,
        Error,
    };

    explicit MessageBar(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    void clear();

    Kind kind() const { return m_kind; }
    QString text() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateColors();

    Kind m_kind = Kind::Information;
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QToolButton* m_close = nullptr;
};

} // namespace headerlens
