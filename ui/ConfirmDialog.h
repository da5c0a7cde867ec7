#pragma once

#include <QString>

class QWidget;

namespace headerlens {

// The one place that asks the user to confirm something that loses work (File > New with items
// open). Tests queue the answer with setNextAnswer() so that no real dialog ever opens, as
// FileDialog does for file names.
class ConfirmDialog final
{
public:
    // True when the user chose `acceptText`; Cancel (the default button) gives false.
    static bool ask(QWidget* parent, const QString& title, const QString& text, const QString& acceptText);

    static void setNextAnswer(bool accept);
    // How many times ask() has been called (tests).
    static int askedCount() { return s_asked; }

private:
    static bool s_hasNext;
    static bool s_next;
    static int s_asked;
};

} // namespace headerlens
