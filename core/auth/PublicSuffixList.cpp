#include "PublicSuffixList.h"

#include <QHash>

#include "DomainName.h"
#include "TextSearch.h"

#include <QDateTime>
#include <QFileInfo>

#include <libpsl.h>

namespace headerlens {

namespace {

const psl_ctx_t* context(const void* p)
{
    return static_cast<const psl_ctx_t*>(p);
}

QString builtinDate()
{
    const qint64 time = static_cast<qint64>(psl_builtin_file_time());
    return time > 0 ? QDateTime::fromSecsSinceEpoch(time, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"))
                    : QStringLiteral("an unknown date");
}

} // namespace

PublicSuffixList::PublicSuffixList()
{
    const QString override = qEnvironmentVariable("HEADERLENS_PSL_FILE");
    if (!override.isEmpty())
        load(override, true, false);
    else
        load(QString::fromLocal8Bit(psl_dist_filename()), true, true);
}

PublicSuffixList::PublicSuffixList(const QString& path, bool allowBuiltin)
{
    load(path, allowBuiltin, false);
}

PublicSuffixList::~PublicSuffixList()
{
    if (m_owned)
        psl_free(const_cast<psl_ctx_t*>(context(m_context)));
}

const PublicSuffixList& PublicSuffixList::system()
{
    static const PublicSuffixList list;
    return list;
}

void PublicSuffixList::load(const QString& path, bool allowBuiltin, bool isSystemPath)
{
    const QFileInfo info(path);
    if (!path.isEmpty() && info.isFile() && info.isReadable()) {
        // psl_latest() takes the newer of the file and the built-in copy; a named file is taken
        // as it is (a test's own list).
        psl_ctx_t* loaded = isSystemPath ? psl_latest(path.toLocal8Bit().constData())
                                         : psl_load_file(path.toLocal8Bit().constData());
        if (loaded) {
            m_context = loaded;
            m_owned = true;
            m_source = isSystemPath ? Source::SystemList : Source::File;
            m_description = QStringLiteral("Public Suffix List read from %1").arg(path);
            return;
        }
    }
    const QString missing =
        isSystemPath
            ? QStringLiteral("The Public Suffix List (Debian package publicsuffix, %1) is not installed")
                  .arg(path)
            : QStringLiteral("The Public Suffix List %1 cannot be read").arg(path);
    const psl_ctx_t* builtin = allowBuiltin ? psl_builtin() : nullptr;
    if (builtin && psl_suffix_count(builtin) > 0) {
        m_context = builtin;
        m_source = Source::Builtin;
        m_description = QStringLiteral("the Public Suffix List built into libpsl (%1)").arg(builtinDate());
        m_problem = missing + QStringLiteral(": organizational domains come from the copy built into libpsl, "
                                             "dated %1. Install publicsuffix for a current list.")
                                  .arg(builtinDate());
        return;
    }
    m_source = Source::None;
    m_description =
        QStringLiteral("no Public Suffix List (organizational domains guessed as the last two labels)");
    m_problem = missing +
                QStringLiteral(": organizational domains are guessed as the last two labels, which is wrong "
                               "for suffixes such as co.uk. Install the publicsuffix package.");
}

QString PublicSuffixList::organizationalDomain(const QString& asciiDomain) const
{
    // The same few names come back message after message: the system list (which lives as long
    // as the process) remembers its answers per thread, by the name as asked, in a cache emptied
    // when full.
    thread_local QHash<QString, QString> known;
    const bool remember = m_context && this == &system();
    if (remember) {
        if (const auto it = known.constFind(asciiDomain); it != known.cend())
            return *it;
    }
    const QString result = findOrganizationalDomain(asciiDomain);
    if (remember) {
        if (known.size() >= 4096)
            known.clear();
        known.insert(asciiDomain, result);
    }
    return result;
}

QString PublicSuffixList::findOrganizationalDomain(const QString& asciiDomain) const
{
    QString domain = lowered(asciiDomain);
    while (domain.endsWith(QLatin1Char('.')))
        domain.chop(1);
    if (domain.isEmpty() || DomainName::isAddressLiteral(domain))
        return domain;
    if (m_context) {
        const QByteArray utf8 = domain.toUtf8();
        const char* registrable = psl_registrable_domain(context(m_context), utf8.constData());
        // NULL: the name is itself a public suffix (or not a name); it is its own organization.
        return registrable ? QString::fromUtf8(registrable) : domain;
    }
    const QStringList labels = domain.split(QLatin1Char('.'));
    return labels.size() <= 2 ? domain : labels.mid(labels.size() - 2).join(QLatin1Char('.'));
}

bool PublicSuffixList::isPublicSuffix(const QString& asciiDomain) const
{
    const QString domain = asciiDomain.toLower();
    if (m_context)
        return psl_is_public_suffix(context(m_context), domain.toUtf8().constData()) != 0;
    return !domain.contains(QLatin1Char('.'));
}

} // namespace headerlens
