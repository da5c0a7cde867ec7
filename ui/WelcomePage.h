#pragma once

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace headerlens {

class PasteEdit;

// The first screen: one sentence on what HeaderLens does, the paste area, Analyze and Open
// buttons, the examples and the recent files. It invites a paste or a drop; no empty grid.
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

    PasteEdit* pasteEdit() const { return m_paste; }
    QPushButton* analyzeButton() const { return m_analyze; }
    QString text() const;
    void clear();
    void setRecentFiles(const QStringList& paths);

Q_SIGNALS:
    void analyzeRequested(const QString& text);
    void openRequested();
    void exampleRequested(const QString& resource);
    void recentRequested(const QString& path);
    void filesPasted(const QStringList& paths);

private:
    PasteEdit* m_paste = nullptr;
    QPushButton* m_analyze = nullptr;
    QPushButton* m_open = nullptr;
    QToolButton* m_examples = nullptr;
    QWidget* m_recentBox = nullptr;
    QHBoxLayout* m_recentLayout = nullptr;
};

} // namespace headerlens
