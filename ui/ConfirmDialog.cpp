#include "ConfirmDialog.h"

#include <QMessageBox>
#include <QPushButton>

namespace headerlens {

bool ConfirmDialog::s_hasNext = false;
bool ConfirmDialog::s_next = false;
int ConfirmDialog::s_asked = 0;

bool ConfirmDialog::ask(QWidget* parent, const QString& title, const QString& text, const QString& acceptText)
{
    ++s_asked;
    if (s_hasNext) {
        s_hasNext = false;
        return s_next;
    }
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(title);
    box.setTextFormat(Qt::PlainText);
    box.setText(text);
    QPushButton* accept = box.addButton(acceptText, QMessageBox::DestructiveRole);
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void ConfirmDialog::setNextAnswer(bool accept)
{
    s_hasNext = true;
    s_next = accept;
}

} // namespace headerlens
