#pragma once

#include "Analysis.h"

#include <QMainWindow>

class QPlainTextEdit;
class QTableWidget;
class QLabel;

namespace headerlens {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    void openFile(const QString& path);
    void analyzeText(const QString& text);
    const Analysis& currentAnalysis() const { return m_analysis; }

private:
    void showAnalysis(const Analysis& analysis);

    QPlainTextEdit* m_input = nullptr;
    QTableWidget* m_hops = nullptr;
    QLabel* m_status = nullptr;
    Analysis m_analysis;
};

} // namespace headerlens
