#include "DsnParser.h"

#include "DeliveryReportReader.h"

#include "MailDate.h"
#include "RegexSubject.h"
#include "SmtpStatus.h"
#include "TextSearch.h"

#include <QRegularExpression>
#include <QStringTokenizer>

namespace headerlens {

namespace {

// Diagnostic-Code read per recipient, as DeliveryReportReader keeps it.
constexpr qsizetype MaxDiagnosticFieldChars = DeliveryReportReader::MaxDiagnosticChars;

struct Field
{
    QString name; // lower case
    QString value;
};

// A "Name: value" line (the name a letter, then letters, digits, '_' or '-'): its name and the
// value after the colon and any blanks. False when the line is not one.
bool splitFieldLine(QStringView line, QStringView& name, QStringView& value)
{
    if (line.isEmpty() || !isAsciiLetter(line.front()))
        return false;
    qsizetype i = 1;
    while (i < line.size() &&
           (isAsciiLetter(line[i]) || (line[i] >= QLatin1Char('0') && line[i] <= QLatin1Char('9')) ||
            line[i] == QLatin1Char('_') || line[i] == QLatin1Char('-')))
        ++i;
    name = line.first(i);
    while (i < line.size() && (line[i] == QLatin1Char(' ') || line[i] == QLatin1Char('\t')))
        ++i;
    if (i == line.size() || line[i] != QLatin1Char(':'))
        return false;
    ++i;
    while (i < line.size() && (line[i] == QLatin1Char(' ') || line[i] == QLatin1Char('\t')))
        ++i;
    value = line.sliced(i);
    return true;
}

// Splits into fields with folded lines joined (RFC 5322 section 2.2.3). An empty name marks a
// blank line, which separates groups.
QList<Field> readFields(QStringView text)
{
    QList<Field> fields;
    bool lastWasField = false;
    for (QStringView line : qTokenize(text, u'\n')) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            if (lastWasField)
                fields.append(Field{});
            lastWasField = false;
            continue;
        }
        if ((line.front() == QLatin1Char(' ') || line.front() == QLatin1Char('\t')) && lastWasField) {
            // A fold: sometimes an MTA indents every field; such a line is a field of its own.
            static const QRegularExpression knownName(QStringLiteral(
                "^(?i:final-recipient|original-recipient|action|status|remote-mta|diagnostic-code|"
                "last-attempt-date|will-retry-until|reporting-mta|arrival-date|received-from-mta|"
                "x-actual-recipient|final-log-id)$"));
            QStringView name;
            QStringView rest;
            if (splitFieldLine(line.trimmed(), name, rest) &&
                RegexSubject::match(knownName, name).hasMatch()) {
                fields.append(Field{lowered(name.toString()), rest.trimmed().toString()});
                continue;
            }
            QString& value = fields.last().value;
            const QString more = line.trimmed().toString();
            if (!value.isEmpty() && !more.isEmpty())
                value += QLatin1Char(' ');
            value += more;
            continue;
        }
        QStringView name;
        QStringView value;
        if (!splitFieldLine(line.trimmed(), name, value)) {
            lastWasField = false;
            continue;
        }
        fields.append(Field{lowered(name.toString()), value.trimmed().toString()});
        lastWasField = true;
    }
    return fields;
}

bool isRecipientField(const QString& name)
{
    static const QStringList names = {
        QStringLiteral("original-recipient"),
        QStringLiteral("final-recipient"),
        QStringLiteral("action"),
        QStringLiteral("status"),
        QStringLiteral("remote-mta"),
        QStringLiteral("diagnostic-code"),
        QStringLiteral("last-attempt-date"),
        QStringLiteral("will-retry-until"),
        QStringLiteral("final-log-id"),
        QStringLiteral("x-actual-recipient"),
    };
    return names.contains(name);
}

QDateTime parseDate(const QString& value)
{
    if (const auto parsed = MailDate::parse(value))
        return parsed->time;
    return {};
}

struct Group
{
    RecipientReport recipient;
    bool hasFinal = false;
    bool hasOriginal = false;
    bool hasAction = false;
    bool hasStatus = false;
    bool hasDiagnostic = false;
    bool any = false;
};

QString statusFromField(const QString& value)
{
    // "5.1.1", "5.1.1 (user unknown)", "550 5.1.1" or even "5.1.1, 5.0.0": the first code.
    static const QRegularExpression re(QStringLiteral("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d])"));
    const QRegularExpressionMatch m = RegexSubject::match(re, value);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

QString DsnParser::valueWithoutType(QStringView value)
{
    const qsizetype semi = value.indexOf(QLatin1Char(';'));
    if (semi >= 0 && semi < 20 && !value.first(semi).contains(QLatin1Char(' ')) &&
        !value.first(semi).contains(QLatin1Char('@')))
        value = value.sliced(semi + 1);
    return value.trimmed().toString();
}

QString DsnParser::addressFromField(QStringView value)
{
    QString v = valueWithoutType(value);
    // "Name <a@b>" or "<a@b>": the part in angle brackets.
    const qsizetype open = v.indexOf(QLatin1Char('<'));
    const qsizetype close = v.indexOf(QLatin1Char('>'), open + 1);
    if (open >= 0 && close > open)
        v = v.mid(open + 1, close - open - 1);
    v = v.trimmed();
    // A trailing comment "(...)" or a second word is not part of the address.
    const qsizetype space = v.indexOf(QLatin1Char(' '));
    if (space > 0 && v.left(space).contains(QLatin1Char('@')))
        v = v.left(space);
    while (!v.isEmpty() && QStringLiteral("\"'<>;,.").contains(v.back()))
        v.chop(1);
    while (!v.isEmpty() && QStringLiteral("\"'<>").contains(v.front()))
        v.remove(0, 1);
    // RFC 6533 utf-8 type may carry \x{...} escapes of xtext; keep the text readable.
    return v;
}

bool DsnParser::looksLikeDeliveryStatus(QStringView text, Indent indent)
{
    // The per-recipient fields, each at the start of a line, after blanks when `lead` allows them.
    struct Fields
    {
        QRegularExpression finalRecipient, action, status;
        explicit Fields(const QString& lead)
            : finalRecipient(QStringLiteral("(?im)^") + lead + QStringLiteral("final-recipient[ \\t]*:"))
            , action(QStringLiteral("(?im)^") + lead +
                     QStringLiteral("action[ \\t]*:[ \\t]*(failed|delayed|delivered|relayed|expanded)"))
            , status(QStringLiteral("(?im)^") + lead + QStringLiteral("status[ \\t]*:[ \\t]*[245]\\.\\d"))
        {}
    };
    static const Fields indented(QStringLiteral("[ \\t]*"));
    static const Fields atStart{QString()};
    const Fields& f = indent == Indent::Any ? indented : atStart;
    if (RegexSubject::match(f.finalRecipient, text).hasMatch())
        return true;
    return RegexSubject::match(f.action, text).hasMatch() && RegexSubject::match(f.status, text).hasMatch();
}

int DsnParser::parse(QStringView text, DeliveryReport& report)
{
    const QList<Field> fields = readFields(text);
    QList<Group> groups;
    Group current;
    auto close = [&] {
        if (current.any)
            groups.append(current);
        current = Group{};
    };
    for (const Field& f : fields) {
        if (f.name.isEmpty()) {
            // Blank line: closes a group, unless it holds only an Original-Recipient (some
            // MTAs put a blank line before Final-Recipient).
            if (current.any && !(current.hasOriginal && !current.hasFinal && !current.hasAction))
                close();
            continue;
        }
        if (!isRecipientField(f.name)) {
            if (f.name == QLatin1String("reporting-mta")) {
                if (report.reportingMta.isEmpty())
                    report.reportingMta = valueWithoutType(f.value);
            } else if (f.name == QLatin1String("received-from-mta")) {
                if (report.receivedFromMta.isEmpty())
                    report.receivedFromMta = valueWithoutType(f.value);
            } else if (f.name == QLatin1String("arrival-date")) {
                if (!report.arrivalDate.isValid())
                    report.arrivalDate = parseDate(f.value);
            } else if (f.name == QLatin1String("original-envelope-id")) {
                if (report.originalEnvelopeId.isEmpty())
                    report.originalEnvelopeId = f.value;
            } else if (f.name == QLatin1String("x-postfix-queue-id")) {
                if (report.postfixQueueId.isEmpty())
                    report.postfixQueueId = f.value;
            } else if (f.name == QLatin1String("x-postfix-sender")) {
                if (report.postfixSender.isEmpty())
                    report.postfixSender = addressFromField(f.value);
            }
            continue;
        }
        // A repeated field starts the next recipient even without a blank line in between.
        if (f.name == QLatin1String("final-recipient") && current.hasFinal)
            close();
        else if (f.name == QLatin1String("original-recipient") && current.hasOriginal)
            close();
        else if (f.name == QLatin1String("action") && current.hasAction)
            close();
        else if (f.name == QLatin1String("status") && current.hasStatus && current.hasAction)
            close();

        RecipientReport& r = current.recipient;
        current.any = true;
        if (f.name == QLatin1String("final-recipient")) {
            r.address = addressFromField(f.value);
            current.hasFinal = true;
        } else if (f.name == QLatin1String("original-recipient")) {
            r.originalRecipient = addressFromField(f.value);
            current.hasOriginal = true;
        } else if (f.name == QLatin1String("x-actual-recipient")) {
            if (r.address.isEmpty())
                r.address = addressFromField(f.value);
        } else if (f.name == QLatin1String("action")) {
            // "failed (bad address)" -> "failed"
            r.action = beforeFirst(beforeFirst(f.value, u' '), u';').toString().toLower();
            current.hasAction = true;
        } else if (f.name == QLatin1String("status")) {
            r.status = statusFromField(f.value);
            current.hasStatus = true;
        } else if (f.name == QLatin1String("remote-mta")) {
            r.remoteMta = valueWithoutType(f.value);
        } else if (f.name == QLatin1String("diagnostic-code")) {
            // A reply of megabytes is no reply: keep what a person reads (DeliveryReportReader
            // says so in a warning), so that no later stage works on all of it.
            const QString value = f.value.left(MaxDiagnosticFieldChars);
            if (f.value.size() > MaxDiagnosticFieldChars) {
                const QString note =
                    QStringLiteral("A server reply is longer than %1 characters; only its first %1 "
                                   "were read.")
                        .arg(MaxDiagnosticFieldChars);
                if (!report.warnings.contains(note))
                    report.warnings.append(note);
            }
            const qsizetype semi = value.indexOf(QLatin1Char(';'));
            const QString type = semi > 0 ? value.left(semi).trimmed() : QString();
            if (semi > 0 && !type.contains(QLatin1Char(' ')) && type.size() < 20) {
                r.diagnosticType = type.toLower();
                r.diagnostic = value.mid(semi + 1).trimmed();
            } else {
                r.diagnostic = value.trimmed();
            }
            current.hasDiagnostic = true;
        } else if (f.name == QLatin1String("last-attempt-date")) {
            r.lastAttempt = parseDate(f.value);
        } else if (f.name == QLatin1String("will-retry-until")) {
            r.willRetryUntil = parseDate(f.value);
        }
    }
    close();

    int added = 0;
    for (Group& g : groups) {
        RecipientReport& r = g.recipient;
        // The address the sender used (Original-Recipient, RFC 3464 section 2.3.1) is the one to
        // act on; Final-Recipient may be an alias target or not an Internet address at all (x400).
        r.finalRecipient = r.address;
        if (r.originalRecipient.contains(QLatin1Char('@')) &&
            (r.address.isEmpty() || !r.address.contains(QLatin1Char('@')) ||
             r.originalRecipient.compare(r.address, Qt::CaseInsensitive) != 0))
            r.address = r.originalRecipient;
        if (r.address.isEmpty())
            r.address = r.originalRecipient;
        if (r.address.isEmpty() && r.action.isEmpty() && r.status.isEmpty())
            continue;
        // Action is required (RFC 3464 section 2.3.3); a block without it still says what happened
        // in its Status: class 5 is a permanent failure, class 2 a success (RFC 3463). Class 4 may be
        // a delay or a final failure after retries: the report's other words decide.
        if (r.action.isEmpty() &&
            (r.status.startsWith(QLatin1Char('5')) || r.status.startsWith(QLatin1Char('2')))) {
            r.action = r.status.startsWith(QLatin1Char('5')) ? QStringLiteral("failed")
                                                             : QStringLiteral("delivered");
            r.actionFromStatus = true;
        }
        if (r.reportingMta.isEmpty())
            r.reportingMta = report.reportingMta;
        if (r.format.isEmpty())
            r.format = QStringLiteral("rfc3464");
        report.recipients.append(r);
        ++added;
    }
    return added;
}

} // namespace headerlens
