#include "ExampleCatalog.h"

#include <QCoreApplication>

namespace headerlens {

QList<ExampleCatalog::Example> ExampleCatalog::all()
{
    auto tr = [](const char* text) { return QCoreApplication::translate("ExampleCatalog", text); };
    const QString prefix = QStringLiteral(":/headerlens/examples/");
    return {
        {prefix + QStringLiteral("postfix-user-unknown.eml"),
         tr("Postfix bounce: 550 5.1.1 user unknown, and a domain without mail server")},
        {prefix + QStringLiteral("exim-gmail-dmarc-rejection.eml"),
         tr("Gmail rejection: 550 5.7.26 DMARC policy (Exim bounce)")},
        {prefix + QStringLiteral("office365-blocklist-s3150.eml"),
         tr("Office 365 NDR: 550 5.7.1 sending IP on a block list (S3150)")},
        {prefix + QStringLiteral("sendmail-mailbox-full.eml"),
         tr("Sendmail bounce: 452 4.2.2 mailbox full, given up after 5 days")},
        {prefix + QStringLiteral("exim-delay-warning.eml"),
         tr("Exim delay warning: still queued after 24 hours")},
        {prefix + QStringLiteral("out-of-office-reply.eml"), tr("Out-of-office auto-reply")},
        {prefix + QStringLiteral("delivered-clock-skew.txt"),
         tr("Delivered message headers with a clock skew")},
    };
}

} // namespace headerlens
