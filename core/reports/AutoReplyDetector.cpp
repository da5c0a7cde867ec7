#include "AutoReplyDetector.h"

#include "RulesResource.h"

#include <QList>
#include <QRegularExpression>

#include <mutex>

namespace headerlens {

namespace {

struct Rule
{
    QString id;
    QString field; // header field name the pattern applies to
    QRegularExpression pattern;
};

QList<Rule> loadRules()
{
    QList<Rule> rules;
    // Lines: "id <TAB> field <TAB> pattern"
    for (const QString& raw :
         QString::fromUtf8(readRulesResource(QStringLiteral("auto-reply.txt"))).split(QLatin1Char('\n'))) {
        if (raw.trimmed().isEmpty() || raw.startsWith(QLatin1Char('#')))
            continue;
        const QStringList cols = raw.split(QLatin1Char('\t'));
        if (cols.size() < 3)
            continue;
        Rule r;
        r.id = cols[0].trimmed();
        r.field = cols[1].trimmed();
        r.pattern = QRegularExpression(cols.mid(2).join(QLatin1Char('\t')).trimmed(),
                                       QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
        if (r.pattern.isValid())
            rules.append(r);
    }
    return rules;
}

const QList<Rule>& rules()
{
    static QList<Rule> list;
    static std::once_flag once;
    std::call_once(once, [] { list = loadRules(); });
    return list;
}

} // namespace

AutoReplyDetector::Result AutoReplyDetector::detect(const HeaderList& headers)
{
    Result result;
    for (const Rule& rule : rules()) {
        for (const HeaderField& field : headersNamed(headers, rule.field)) {
            if (!rule.pattern.match(field.value).hasMatch())
                continue;
            if (field.name.compare(QLatin1String("Subject"), Qt::CaseInsensitive) == 0)
                result.replySubject = true;
            if (!result.autoReply) {
                result.autoReply = true;
                result.ruleId = QStringLiteral("auto-reply:") + rule.id;
                result.text = field.name + QStringLiteral(": ") + field.value;
            }
            if (result.replySubject)
                return result;
        }
    }
    return result;
}

} // namespace headerlens
