#pragma once

#include <QWidget>

namespace headerlens {

// Shown over the window while files are dragged over it: "Drop to analyse".
class DropOverlay final : public QWidget
{
    Q_OBJECT
public:
    explicit DropOverlay(QWidget* parent);

    void setText(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString m_text;
};

} // namespace headerlens
