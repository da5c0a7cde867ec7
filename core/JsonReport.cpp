#include "JsonReport.h"

#include "MailDate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMap>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace headerlens {

namespace {

QJsonValue stringOrNull(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonValue timeOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(MailDate::toIsoUtc(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue actionOrNull(const QString& action)
{
    static const QStringList known = {QStringLiteral("failed"), QStringLiteral("delayed"),
                                      QStringLiteral("delivered"), QStringLiteral("relayed"),
                                      QStringLiteral("expanded")};
    const QString lower = action.trimmed().toLower();
    return known.contains(lower) ? QJsonValue(lower) : QJsonValue(QJsonValue::Null);
}

QJsonObject hopToJson(const RelayHop& hop)
{
    const ReceivedHop& r = hop.received;
    QJsonObject o;
    o.insert(QStringLiteral("hop"), hop.number);
    o.insert(QStringLiteral("from_helo"), stringOrNull(r.fromHelo));
    o.insert(QStringLiteral("from_host"), stringOrNull(r.fromHost));
    o.insert(QStringLiteral("from_ip"), stringOrNull(r.fromIp));
    o.insert(QStringLiteral("by_host"), stringOrNull(r.byHost));
    o.insert(QStringLiteral("protocol"), stringOrNull(r.protocol));
    o.insert(QStringLiteral("tls"), r.tls.has_value() ? QJsonValue(*r.tls) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("id"), stringOrNull(r.id));
    o.insert(QStringLiteral("for"), stringOrNull(r.forAddress));
    o.insert(QStringLiteral("time"), timeOrNull(r.time));
    o.insert(QStringLiteral("delay_s"), hop.delaySeconds ? QJsonValue(static_cast<double>(*hop.delaySeconds))
                                                         : QJsonValue(QJsonValue::Null));
    // additions beyond the contract
    o.insert(QStringLiteral("via"), stringOrNull(r.via));
    o.insert(QStringLiteral("envelope_from"), stringOrNull(r.envelopeFrom));
    o.insert(QStringLiteral("authenticated"), r.authenticated);
    o.insert(QStringLiteral("tls_version"), stringOrNull(r.tlsVersion));
    o.insert(QStringLiteral("tls_cipher"), stringOrNull(r.tlsCipher));
    o.insert(QStringLiteral("clock_skew"), hop.clockSkew);
    o.insert(QStringLiteral("authenticated_sender"), stringOrNull(r.authenticatedSender));
    o.insert(QStringLiteral("ident"), stringOrNull(r.ident));
    o.insert(QStringLiteral("software"), stringOrNull(r.software));
    o.insert(QStringLiteral("with_text"), stringOrNull(r.withText));
    o.insert(QStringLiteral("from_host_forged"), r.fromHostForged);
    // from_host is null both when the receiver found no name and when the field does not say:
    // reverse_dns tells them apart ("found", "none", "not_recorded")
    o.insert(QStringLiteral("reverse_dns"),
             r.reverseDns == ReceivedHop::ReverseDns::Found       ? QStringLiteral("found")
             : r.reverseDns == ReceivedHop::ReverseDns::NoneFound ? QStringLiteral("none")
                                                                  : QStringLiteral("not_recorded"));
    o.insert(QStringLiteral("from_layout"), stringOrNull(r.fromLayout));
    return o;
}

QJsonObject recipientToJson(const RecipientAnalysis& recipient)
{
    const RecipientReport& r = recipient.report;
    const Classification& c = recipient.classification;
    QJsonObject o;
    o.insert(QStringLiteral("address"), stringOrNull(r.address));
    o.insert(QStringLiteral("action"), actionOrNull(r.action));
    o.insert(QStringLiteral("reply_code"),
             r.replyCode > 0 ? QJsonValue(r.replyCode) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("status"), stringOrNull(r.status));
    o.insert(QStringLiteral("diagnostic"), stringOrNull(r.diagnostic));
    o.insert(QStringLiteral("remote_mta"), stringOrNull(r.remoteMta));
    o.insert(QStringLiteral("reporting_mta"), stringOrNull(r.reportingMta));
    o.insert(QStringLiteral("type"), toString(c.type));
    o.insert(QStringLiteral("cause"), c.cause);
    o.insert(QStringLiteral("side"), toString(c.side));
    o.insert(QStringLiteral("advice"), toString(c.advice));
    o.insert(QStringLiteral("remove_address"), c.removeAddress);
    o.insert(QStringLiteral("reputation_impact"), toString(c.reputationImpact));
    o.insert(QStringLiteral("confidence"), qRound(c.confidence * 100.0) / 100.0);
    QJsonArray evidence;
    for (const Evidence& e : c.evidence) {
        QJsonObject item;
        item.insert(QStringLiteral("rule"), e.rule);
        item.insert(QStringLiteral("text"), e.text);
        evidence.append(item);
    }
    o.insert(QStringLiteral("evidence"), evidence);
    o.insert(QStringLiteral("explanation"), recipient.explanation);
    // additions beyond the contract
    o.insert(QStringLiteral("original_recipient"), stringOrNull(r.originalRecipient));
    o.insert(QStringLiteral("smtp_command"), stringOrNull(r.smtpCommand));
    o.insert(QStringLiteral("last_attempt"), timeOrNull(r.lastAttempt));
    o.insert(QStringLiteral("will_retry_until"), timeOrNull(r.willRetryUntil));
    o.insert(QStringLiteral("format"), stringOrNull(r.format));
    return o;
}

QJsonArray toArray(const QStringList& list);

QJsonValue boolOrNull(const std::optional<bool>& value)
{
    return value.has_value() ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue numberOrNull(const std::optional<qint64>& value)
{
    return value.has_value() ? QJsonValue(static_cast<double>(*value)) : QJsonValue(QJsonValue::Null);
}

QJsonValue doubleOrNull(const std::optional<double>& value)
{
    return value.has_value() ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject pairsToJson(const QList<QPair<QString, QString>>& pairs)
{
    QJsonObject o;
    for (const auto& p : pairs) {
        if (!o.contains(p.first))
            o.insert(p.first, p.second);
    }
    return o;
}

void insertTrust(QJsonObject& o, const FieldTrust& trust)
{
    o.insert(QStringLiteral("trusted"), trust.trusted);
    o.insert(QStringLiteral("trust_reason"), trust.reason);
    o.insert(QStringLiteral("checked_by"), stringOrNull(trust.checkedBy));
    o.insert(QStringLiteral("hop"), trust.hop > 0 ? QJsonValue(trust.hop) : QJsonValue(QJsonValue::Null));
}

QJsonObject resultToJson(const AssessedResult& assessed)
{
    const AuthResult& r = assessed.result;
    QJsonObject o;
    o.insert(QStringLiteral("method"), r.method);
    o.insert(QStringLiteral("result"), r.result);
    o.insert(QStringLiteral("authserv_id"), stringOrNull(r.authServId));
    o.insert(QStringLiteral("reason"), stringOrNull(r.reason));
    o.insert(QStringLiteral("field"), r.field);
    o.insert(QStringLiteral("properties"), pairsToJson(r.properties));
    o.insert(QStringLiteral("method_version"), stringOrNull(r.methodVersion));
    o.insert(QStringLiteral("reason_text"), stringOrNull(r.reasonText));
    o.insert(QStringLiteral("comments"), toArray(r.comments));
    o.insert(QStringLiteral("raw"), r.raw);
    o.insert(QStringLiteral("problems"), toArray(r.problems));
    insertTrust(o, assessed.trust);
    if (assessed.identityDomain.isEmpty()) {
        o.insert(QStringLiteral("identity"), QJsonValue(QJsonValue::Null));
    } else {
        QJsonObject identity;
        identity.insert(QStringLiteral("source"), assessed.identitySource);
        identity.insert(QStringLiteral("domain"), assessed.identityDomain);
        o.insert(QStringLiteral("identity"), identity);
    }
    const bool alignable = assessed.isAlignable() && r.method != QLatin1String("dmarc");
    o.insert(QStringLiteral("aligned_relaxed"),
             alignable ? QJsonValue(assessed.alignment.relaxed) : QJsonValue());
    o.insert(QStringLiteral("aligned_strict"),
             alignable ? QJsonValue(assessed.alignment.strict) : QJsonValue());
    o.insert(QStringLiteral("organizational_domain"),
             alignable ? stringOrNull(assessed.alignment.organizationalDomain) : QJsonValue());
    o.insert(QStringLiteral("explanation"), assessed.why);
    o.insert(QStringLiteral("notes"), toArray(assessed.notes));
    return o;
}

QJsonObject signatureToJson(const AssessedSignature& assessed)
{
    const DkimSignature& s = assessed.signature;
    QJsonObject o;
    o.insert(QStringLiteral("d"), stringOrNull(s.domain));
    o.insert(QStringLiteral("s"), stringOrNull(s.selector));
    o.insert(QStringLiteral("a"), stringOrNull(s.algorithm));
    o.insert(QStringLiteral("c"), stringOrNull(s.canonicalization));
    o.insert(QStringLiteral("h"), toArray(s.signedHeaders));
    o.insert(QStringLiteral("i"), stringOrNull(s.identity));
    o.insert(QStringLiteral("t"), numberOrNull(s.timestamp));
    o.insert(QStringLiteral("x"), numberOrNull(s.expiration));
    o.insert(QStringLiteral("l"), numberOrNull(s.bodyLength));
    o.insert(QStringLiteral("verified_result"), stringOrNull(assessed.verifiedResult));
    o.insert(QStringLiteral("verified_by"), stringOrNull(assessed.verifiedBy));
    o.insert(QStringLiteral("aligned_relaxed"),
             assessed.alignment.isValid() ? QJsonValue(assessed.alignment.relaxed) : QJsonValue());
    o.insert(QStringLiteral("aligned_strict"),
             assessed.alignment.isValid() ? QJsonValue(assessed.alignment.strict) : QJsonValue());
    o.insert(QStringLiteral("expired_at_message_date"), boolOrNull(assessed.expiredAtMessageDate));
    o.insert(QStringLiteral("expired_at_receipt"), boolOrNull(assessed.expiredAtReceipt));
    o.insert(QStringLiteral("body_length_limited"), s.bodyLength.has_value());
    o.insert(QStringLiteral("notes"), toArray(assessed.notes));
    o.insert(QStringLiteral("problems"), toArray(s.problems));
    return o;
}

// The "authentication" object (README, "The authentication object").
QJsonObject assessmentToJson(const AuthenticationAssessment& a)
{
    QJsonObject o;
    o.insert(QStringLiteral("from_domain"), stringOrNull(a.fromDomain));
    o.insert(QStringLiteral("from_organizational_domain"), stringOrNull(a.fromOrganizationalDomain));
    o.insert(QStringLiteral("mail_from_domain"), stringOrNull(a.mailFromDomain));
    o.insert(QStringLiteral("helo_domain"), stringOrNull(a.heloDomain));
    o.insert(QStringLiteral("entry_hop"),
             a.entryHop > 0 ? QJsonValue(a.entryHop) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("receiving_hosts"), toArray(a.receivingHosts));
    QJsonArray results;
    for (const AssessedResult& r : a.results)
        results.append(resultToJson(r));
    o.insert(QStringLiteral("results"), results);

    QJsonObject dmarc;
    dmarc.insert(QStringLiteral("result"), a.dmarc);
    dmarc.insert(QStringLiteral("spf_aligned"), boolOrNull(a.spfAligned));
    dmarc.insert(QStringLiteral("dkim_aligned"), boolOrNull(a.dkimAligned));
    dmarc.insert(QStringLiteral("spf_aligned_strict"), boolOrNull(a.spfAlignedStrict));
    dmarc.insert(QStringLiteral("dkim_aligned_strict"), boolOrNull(a.dkimAlignedStrict));
    dmarc.insert(QStringLiteral("receiver_result"), stringOrNull(a.receiverDmarc));
    dmarc.insert(QStringLiteral("receiver_policy"), stringOrNull(a.receiverPolicy));
    dmarc.insert(QStringLiteral("reasons"), toArray(a.dmarcReasons));
    o.insert(QStringLiteral("dmarc"), dmarc);

    QJsonArray signatures;
    for (const AssessedSignature& s : a.signatures)
        signatures.append(signatureToJson(s));
    o.insert(QStringLiteral("dkim_signatures"), signatures);

    QJsonObject arc;
    arc.insert(QStringLiteral("state"), a.arc.state);
    arc.insert(QStringLiteral("problems"), toArray(a.arc.problems));
    QJsonArray sets;
    for (const AssessedArcSet& assessed : a.arcSets) {
        const ArcSet& s = assessed.set;
        QJsonObject set;
        set.insert(QStringLiteral("i"), s.instance);
        set.insert(QStringLiteral("cv"), stringOrNull(s.chainValidation));
        set.insert(QStringLiteral("seal_domain"), stringOrNull(s.sealDomain));
        set.insert(QStringLiteral("seal_selector"), stringOrNull(s.sealSelector));
        set.insert(QStringLiteral("signature_domain"), stringOrNull(s.signatureDomain));
        set.insert(QStringLiteral("authserv_id"), stringOrNull(s.authServId));
        insertTrust(set, assessed.trust);
        QJsonArray setResults;
        for (const AuthResult& r : s.results) {
            QJsonObject item;
            item.insert(QStringLiteral("method"), r.method);
            item.insert(QStringLiteral("result"), r.result);
            item.insert(QStringLiteral("properties"), pairsToJson(r.properties));
            item.insert(QStringLiteral("reason"), stringOrNull(r.reason));
            setResults.append(item);
        }
        set.insert(QStringLiteral("results"), setResults);
        set.insert(QStringLiteral("problems"), toArray(s.problems));
        sets.append(set);
    }
    arc.insert(QStringLiteral("sets"), sets);
    o.insert(QStringLiteral("arc"), arc);

    QJsonArray verdicts;
    for (const AssessedSpamVerdict& assessed : a.spamVerdicts) {
        const SpamVerdict& v = assessed.verdict;
        QJsonObject item;
        item.insert(QStringLiteral("filter"), v.filter);
        item.insert(QStringLiteral("field"), v.field);
        item.insert(QStringLiteral("spam"), boolOrNull(v.spam));
        item.insert(QStringLiteral("score"), doubleOrNull(v.score));
        item.insert(QStringLiteral("threshold"), doubleOrNull(v.threshold));
        item.insert(QStringLiteral("values"), pairsToJson(v.values));
        item.insert(QStringLiteral("meanings"), toArray(v.meanings));
        item.insert(QStringLiteral("raw"), v.raw);
        item.insert(QStringLiteral("problems"), toArray(v.problems));
        insertTrust(item, assessed.trust);
        verdicts.append(item);
    }
    o.insert(QStringLiteral("spam_verdicts"), verdicts);

    QJsonArray malformed;
    for (const AuthenticationField& f : a.fields) {
        QStringList problems = f.problems;
        for (const AuthResult& r : f.results)
            problems += r.problems;
        if (problems.isEmpty())
            continue;
        QJsonObject item;
        item.insert(QStringLiteral("field"), f.name);
        item.insert(QStringLiteral("value"), f.value);
        item.insert(QStringLiteral("problems"), toArray(problems));
        malformed.append(item);
    }
    o.insert(QStringLiteral("malformed_fields"), malformed);

    QJsonObject psl;
    psl.insert(QStringLiteral("description"), a.suffixListSource);
    psl.insert(QStringLiteral("problem"), stringOrNull(a.suffixListProblem));
    o.insert(QStringLiteral("public_suffix_list"), psl);
    return o;
}

QJsonArray findingsToJson(const QList<SenderFinding>& findings)
{
    QJsonArray array;
    for (const SenderFinding& f : findings) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), f.id);
        o.insert(QStringLiteral("kind"), f.kind);
        o.insert(QStringLiteral("severity"), QLatin1String(toString(f.severity)));
        o.insert(QStringLiteral("title"), f.title);
        o.insert(QStringLiteral("detail"), f.detail);
        o.insert(QStringLiteral("action"), stringOrNull(f.action));
        o.insert(QStringLiteral("delisting_page"), stringOrNull(f.delistingPage));
        o.insert(QStringLiteral("recipients"), toArray(f.recipients));
        o.insert(QStringLiteral("ip"), stringOrNull(f.ip));
        QJsonArray hops;
        for (int hop : f.hops)
            hops.append(hop);
        o.insert(QStringLiteral("hops"), hops);
        array.append(o);
    }
    return array;
}

QJsonValue sendingIpToJson(const SendingIp& ip)
{
    if (!ip.isValid())
        return QJsonValue(QJsonValue::Null);
    QJsonObject o;
    o.insert(QStringLiteral("address"), ip.address);
    o.insert(QStringLiteral("version"), ip.version);
    o.insert(QStringLiteral("network"), ip.network);
    o.insert(QStringLiteral("range"), stringOrNull(ip.range));
    o.insert(QStringLiteral("private"), ip.isPrivate);
    o.insert(QStringLiteral("reverse_dns"), stringOrNull(ip.reverseDns));
    o.insert(QStringLiteral("helo"), stringOrNull(ip.helo));
    o.insert(QStringLiteral("source"), ip.source);
    return o;
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& s : list)
        array.append(s);
    return array;
}

} // namespace

QJsonArray JsonReport::relayToJson(const RelayChain& chain)
{
    QJsonArray array;
    for (const RelayHop& hop : chain.hops)
        array.append(hopToJson(hop));
    return array;
}

QJsonObject JsonReport::toJson(const Analysis& analysis)
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), analysis.source);
    o.insert(QStringLiteral("kind"), analysis.kind());
    o.insert(QStringLiteral("relay"), relayToJson(analysis.relay));
    o.insert(QStringLiteral("original_relay"), relayToJson(analysis.originalRelay));
    QJsonArray recipients;
    for (const RecipientAnalysis& r : analysis.recipients)
        recipients.append(recipientToJson(r));
    o.insert(QStringLiteral("recipients"), recipients);
    o.insert(QStringLiteral("summary"), stringOrNull(analysis.summary));
    o.insert(QStringLiteral("total_transit_s"),
             analysis.relay.totalSeconds ? QJsonValue(static_cast<double>(*analysis.relay.totalSeconds))
                                         : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("report_format"), stringOrNull(analysis.report.format));
    o.insert(QStringLiteral("from_reply_text"), analysis.fromReplyText);
    o.insert(QStringLiteral("authentication"), assessmentToJson(analysis.authAssessment));
    o.insert(QStringLiteral("original_authentication"), assessmentToJson(analysis.originalAuthAssessment));
    o.insert(QStringLiteral("sender_findings"), findingsToJson(analysis.senderFindings));
    o.insert(QStringLiteral("sending_ip"), sendingIpToJson(analysis.sendingIp));
    o.insert(QStringLiteral("errors"), toArray(analysis.errors));
    o.insert(QStringLiteral("warnings"), toArray(analysis.warnings));
    return o;
}

namespace {

// The JSON line written straight into bytes, without a QJsonObject tree per message: the same
// text QJsonDocument::toJson(Compact) gives for toJson() (keys in the sorted order QJsonObject
// keeps, Qt's escapes and number forms). TestJsonReport compares both on every fixture.
class LineWriter
{
public:
    // Writes after what `out` holds; done() cuts `out` to what was written.
    explicit LineWriter(QByteArray& out)
        : m_out(out)
        , m_size(out.size())
        , m_data(out.data())
        , m_capacity(out.size())
    {}
    void done() { m_out.truncate(m_size); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // Keys must come in ascending order (QJsonObject's), which the callers below keep.
    // A literal key ("relay"): its length is known at compile time.
    template <size_t N>
    void key(const char (&name)[N])
    {
        constexpr auto length = static_cast<qsizetype>(N - 1);
        char* out = start(length + 3);
        *out++ = '"';
        out = std::copy_n(name, length, out);
        *out++ = '"';
        *out = ':';
        m_afterKey = true;
    }
    void key(const QString& name)
    {
        char* out = escaped(start(maxEscapedSize(name) + 1), name);
        *out++ = ':';
        finish(out);
        m_afterKey = true;
    }
    void string(const QString& value) { finish(escaped(start(maxEscapedSize(value)), value)); }
    void stringOrNull(const QString& value)
    {
        if (value.isEmpty())
            null();
        else
            string(value);
    }
    void null() { raw("null"); }
    void boolean(bool value) { raw(value ? "true" : "false"); }
    void booleanOrNull(const std::optional<bool>& value)
    {
        if (value.has_value())
            boolean(*value);
        else
            null();
    }
    void integer(qint64 value)
    {
        char* out = start(20); // "-9223372036854775808"
        finish(std::to_chars(out, out + 20, value).ptr);
    }
    // As QJsonValue(double) prints it: an integral value within 2^53 is kept as an integer
    // (1000000, where the shortest form would be 1e+06), NaN and infinities become null.
    void number(double value)
    {
        if (std::abs(value) <= 9007199254740992.0 && value == std::trunc(value)) {
            integer(static_cast<qint64>(value));
            return;
        }
        if (qIsFinite(value))
            bytes(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
        else
            null();
    }
    // QJsonValue(static_cast<double>(value)), as the tree stores DKIM's t=, x= and l=.
    void numberOrNull(const std::optional<qint64>& value)
    {
        if (value.has_value())
            number(static_cast<double>(*value));
        else
            null();
    }
    void numberOrNull(const std::optional<double>& value)
    {
        if (value.has_value())
            number(*value);
        else
            null();
    }
    // A hop number or reply code: null when 0 (unknown).
    void positiveOrNull(int value)
    {
        if (value > 0)
            integer(value);
        else
            null();
    }
    void timeOrNull(const QDateTime& time)
    {
        if (time.isValid())
            string(MailDate::toIsoUtc(time));
        else
            null();
    }

private:
    void raw(const char* text) { bytes(QByteArrayView(text)); }
    void bytes(QByteArrayView text)
    {
        char* out = start(text.size());
        std::copy_n(text.data(), text.size(), out);
    }
    void open(char c)
    {
        *start(1) = c;
        m_first = true;
    }
    void close(char c)
    {
        *room(1) = c;
        ++m_size;
        m_first = false;
    }
    // Room for a key or value of at most `size` bytes at the end of the line, after the ',' that
    // separates it from the one before (if due): the caller writes through the pointer returned
    // and, unless it used all of it, gives back the rest with finish().
    char* start(qsizetype size)
    {
        const bool comma = !m_afterKey && !m_first;
        m_afterKey = false;
        m_first = false;
        char* out = room(comma + size);
        m_size += comma + size;
        if (comma)
            *out++ = ',';
        return out;
    }
    void finish(const char* end) { m_size = end - m_data; }
    // `size` writable bytes after the text so far. The buffer grows by doubling and is cut to
    // the text once, in done(): no resize per key or value.
    char* room(qsizetype size)
    {
        if (m_size + size > m_capacity) [[unlikely]]
            grow(m_size + size);
        return m_data + m_size;
    }
    // The buffer's bytes are written through m_data, which QByteArray::data() would check for
    // sharing on every call.
    Q_NEVER_INLINE void grow(qsizetype needed)
    {
        m_out.resize(std::max(needed, 2 * m_out.size()));
        m_data = m_out.data();
        m_capacity = m_out.size();
    }
    // What escaped() can write at most: 6 bytes per UTF-16 unit (a control as \u00xx, a lone
    // surrogate as \uxxxx) and the quotes.
    static qsizetype maxEscapedSize(const QString& s) { return 6 * s.size() + 2; }
    // `s` quoted at `out` with Qt's JSON escapes: ", \, \b \f \n \r \t, other controls as \u00xx,
    // lone surrogates as \uxxxx, everything else as UTF-8. Returns the end of what it wrote.
    static char* escaped(char* out, const QString& s)
    {
        static const char hex[] = "0123456789abcdef";
        *out++ = '"';
        const char16_t* p = reinterpret_cast<const char16_t*>(s.constData());
        const char16_t* end = p + s.size();
        while (p < end) {
#if defined(__SSE2__)
            // Eight printable ASCII units that need no escape are copied as eight bytes at once.
            while (end - p >= 8) {
                const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
                const __m128i special = _mm_or_si128(
                    _mm_or_si128(_mm_cmpgt_epi16(_mm_set1_epi16(0x20), units), // controls; 0x8000 up too
                                 _mm_cmpgt_epi16(units, _mm_set1_epi16(0x7f))),
                    _mm_or_si128(_mm_cmpeq_epi16(units, _mm_set1_epi16('"')),
                                 _mm_cmpeq_epi16(units, _mm_set1_epi16('\\'))));
                if (_mm_movemask_epi8(special) != 0)
                    break;
                _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(units, units));
                out += 8;
                p += 8;
            }
            if (p == end)
                break;
#endif
            const char16_t u = *p++;
            if (u < 0x80) {
                if (u >= 0x20 && u != '"' && u != '\\') {
                    *out++ = static_cast<char>(u);
                    continue;
                }
                *out++ = '\\';
                switch (u) {
                case '"':
                    *out++ = '"';
                    break;
                case '\\':
                    *out++ = '\\';
                    break;
                case '\b':
                    *out++ = 'b';
                    break;
                case '\f':
                    *out++ = 'f';
                    break;
                case '\n':
                    *out++ = 'n';
                    break;
                case '\r':
                    *out++ = 'r';
                    break;
                case '\t':
                    *out++ = 't';
                    break;
                default:
                    *out++ = 'u';
                    *out++ = '0';
                    *out++ = '0';
                    *out++ = hex[u >> 4];
                    *out++ = hex[u & 0xf];
                }
            } else if (u < 0x800) {
                *out++ = static_cast<char>(0xc0 | (u >> 6));
                *out++ = static_cast<char>(0x80 | (u & 0x3f));
            } else if (QChar::isHighSurrogate(u) && p < end && QChar::isLowSurrogate(*p)) {
                const char32_t c = QChar::surrogateToUcs4(u, *p++);
                *out++ = static_cast<char>(0xf0 | (c >> 18));
                *out++ = static_cast<char>(0x80 | ((c >> 12) & 0x3f));
                *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
                *out++ = static_cast<char>(0x80 | (c & 0x3f));
            } else if (QChar::isSurrogate(u)) {
                *out++ = '\\';
                *out++ = 'u';
                *out++ = hex[(u >> 12) & 0xf];
                *out++ = hex[(u >> 8) & 0xf];
                *out++ = hex[(u >> 4) & 0xf];
                *out++ = hex[u & 0xf];
            } else {
                *out++ = static_cast<char>(0xe0 | (u >> 12));
                *out++ = static_cast<char>(0x80 | ((u >> 6) & 0x3f));
                *out++ = static_cast<char>(0x80 | (u & 0x3f));
            }
        }
        *out++ = '"';
        return out;
    }

    QByteArray& m_out;
    qsizetype m_size = 0; // bytes written; m_out may hold more, not yet used
    char* m_data;         // m_out's bytes
    qsizetype m_capacity; // m_out's size
    bool m_first = true;
    bool m_afterKey = false;
};

void writeHop(LineWriter& w, const RelayHop& hop)
{
    const ReceivedHop& r = hop.received;
    w.beginObject();
    w.key("authenticated");
    w.boolean(r.authenticated);
    w.key("authenticated_sender");
    w.stringOrNull(r.authenticatedSender);
    w.key("by_host");
    w.stringOrNull(r.byHost);
    w.key("clock_skew");
    w.boolean(hop.clockSkew);
    w.key("delay_s");
    if (hop.delaySeconds)
        w.number(static_cast<double>(*hop.delaySeconds));
    else
        w.null();
    w.key("envelope_from");
    w.stringOrNull(r.envelopeFrom);
    w.key("for");
    w.stringOrNull(r.forAddress);
    w.key("from_helo");
    w.stringOrNull(r.fromHelo);
    w.key("from_host");
    w.stringOrNull(r.fromHost);
    w.key("from_host_forged");
    w.boolean(r.fromHostForged);
    w.key("from_ip");
    w.stringOrNull(r.fromIp);
    w.key("from_layout");
    w.stringOrNull(r.fromLayout);
    w.key("hop");
    w.integer(hop.number);
    w.key("id");
    w.stringOrNull(r.id);
    w.key("ident");
    w.stringOrNull(r.ident);
    w.key("protocol");
    w.stringOrNull(r.protocol);
    w.key("reverse_dns");
    w.string(r.reverseDns == ReceivedHop::ReverseDns::Found       ? QStringLiteral("found")
             : r.reverseDns == ReceivedHop::ReverseDns::NoneFound ? QStringLiteral("none")
                                                                  : QStringLiteral("not_recorded"));
    w.key("software");
    w.stringOrNull(r.software);
    w.key("time");
    w.timeOrNull(r.time);
    w.key("tls");
    if (r.tls.has_value())
        w.boolean(*r.tls);
    else
        w.null();
    w.key("tls_cipher");
    w.stringOrNull(r.tlsCipher);
    w.key("tls_version");
    w.stringOrNull(r.tlsVersion);
    w.key("via");
    w.stringOrNull(r.via);
    w.key("with_text");
    w.stringOrNull(r.withText);
    w.endObject();
}

void writeRelay(LineWriter& w, const RelayChain& chain)
{
    w.beginArray();
    for (const RelayHop& hop : chain.hops)
        writeHop(w, hop);
    w.endArray();
}

void writeRecipient(LineWriter& w, const RecipientAnalysis& recipient)
{
    const RecipientReport& r = recipient.report;
    const Classification& c = recipient.classification;
    w.beginObject();
    w.key("action");
    const QJsonValue action = actionOrNull(r.action);
    if (action.isNull())
        w.null();
    else
        w.string(action.toString());
    w.key("address");
    w.stringOrNull(r.address);
    w.key("advice");
    w.string(toString(c.advice));
    w.key("cause");
    w.string(c.cause);
    w.key("confidence");
    w.number(qRound(c.confidence * 100.0) / 100.0);
    w.key("diagnostic");
    w.stringOrNull(r.diagnostic);
    w.key("evidence");
    w.beginArray();
    for (const Evidence& e : c.evidence) {
        w.beginObject();
        w.key("rule");
        w.string(e.rule);
        w.key("text");
        w.string(e.text);
        w.endObject();
    }
    w.endArray();
    w.key("explanation");
    w.string(recipient.explanation);
    w.key("format");
    w.stringOrNull(r.format);
    w.key("last_attempt");
    w.timeOrNull(r.lastAttempt);
    w.key("original_recipient");
    w.stringOrNull(r.originalRecipient);
    w.key("remote_mta");
    w.stringOrNull(r.remoteMta);
    w.key("remove_address");
    w.boolean(c.removeAddress);
    w.key("reply_code");
    if (r.replyCode > 0)
        w.integer(r.replyCode);
    else
        w.null();
    w.key("reporting_mta");
    w.stringOrNull(r.reportingMta);
    w.key("reputation_impact");
    w.string(toString(c.reputationImpact));
    w.key("side");
    w.string(toString(c.side));
    w.key("smtp_command");
    w.stringOrNull(r.smtpCommand);
    w.key("status");
    w.stringOrNull(r.status);
    w.key("type");
    w.string(toString(c.type));
    w.key("will_retry_until");
    w.timeOrNull(r.willRetryUntil);
    w.endObject();
}

void writeStrings(LineWriter& w, const QStringList& list)
{
    w.beginArray();
    for (const QString& s : list)
        w.string(s);
    w.endArray();
}

// A QJsonObject built from pairs (pairsToJson): keys in QJsonObject's order (QString's), the
// first value of a repeated key.
void writePairs(LineWriter& w, const QList<QPair<QString, QString>>& pairs)
{
    QVarLengthArray<const QPair<QString, QString>*, 16> sorted;
    for (const auto& pair : pairs)
        sorted.append(&pair);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto* a, const auto* b) { return a->first < b->first; });
    w.beginObject();
    const QString* previousKey = nullptr;
    for (const auto* pair : sorted) {
        if (previousKey && *previousKey == pair->first)
            continue;
        w.key(pair->first);
        w.string(pair->second);
        previousKey = &pair->first;
    }
    w.endObject();
}

// In the objects below, QJsonObject's sorted key order puts insertTrust()'s keys among the others:
// checked_by, hop, trust_reason, trusted.

void writeResult(LineWriter& w, const AssessedResult& assessed)
{
    const AuthResult& r = assessed.result;
    const FieldTrust& trust = assessed.trust;
    // The tree inserts QJsonValue() (undefined) for the alignment of a result that has none:
    // QJsonDocument prints it as null.
    const bool alignable = assessed.isAlignable() && r.method != QLatin1String("dmarc");
    w.beginObject();
    w.key("aligned_relaxed");
    w.booleanOrNull(alignable ? std::optional<bool>(assessed.alignment.relaxed) : std::nullopt);
    w.key("aligned_strict");
    w.booleanOrNull(alignable ? std::optional<bool>(assessed.alignment.strict) : std::nullopt);
    w.key("authserv_id");
    w.stringOrNull(r.authServId);
    w.key("checked_by");
    w.stringOrNull(trust.checkedBy);
    w.key("comments");
    writeStrings(w, r.comments);
    w.key("explanation");
    w.string(assessed.why);
    w.key("field");
    w.string(r.field);
    w.key("hop");
    w.positiveOrNull(trust.hop);
    w.key("identity");
    if (assessed.identityDomain.isEmpty()) {
        w.null();
    } else {
        w.beginObject();
        w.key("domain");
        w.string(assessed.identityDomain);
        w.key("source");
        w.string(assessed.identitySource);
        w.endObject();
    }
    w.key("method");
    w.string(r.method);
    w.key("method_version");
    w.stringOrNull(r.methodVersion);
    w.key("notes");
    writeStrings(w, assessed.notes);
    w.key("organizational_domain");
    if (alignable)
        w.stringOrNull(assessed.alignment.organizationalDomain);
    else
        w.null();
    w.key("problems");
    writeStrings(w, r.problems);
    w.key("properties");
    writePairs(w, r.properties);
    w.key("raw");
    w.string(r.raw);
    w.key("reason");
    w.stringOrNull(r.reason);
    w.key("reason_text");
    w.stringOrNull(r.reasonText);
    w.key("result");
    w.string(r.result);
    w.key("trust_reason");
    w.string(trust.reason);
    w.key("trusted");
    w.boolean(trust.trusted);
    w.endObject();
}

void writeSignature(LineWriter& w, const AssessedSignature& assessed)
{
    const DkimSignature& s = assessed.signature;
    // Undefined (printed as null) without alignment, as in writeResult().
    const bool aligned = assessed.alignment.isValid();
    w.beginObject();
    w.key("a");
    w.stringOrNull(s.algorithm);
    w.key("aligned_relaxed");
    w.booleanOrNull(aligned ? std::optional<bool>(assessed.alignment.relaxed) : std::nullopt);
    w.key("aligned_strict");
    w.booleanOrNull(aligned ? std::optional<bool>(assessed.alignment.strict) : std::nullopt);
    w.key("body_length_limited");
    w.boolean(s.bodyLength.has_value());
    w.key("c");
    w.stringOrNull(s.canonicalization);
    w.key("d");
    w.stringOrNull(s.domain);
    w.key("expired_at_message_date");
    w.booleanOrNull(assessed.expiredAtMessageDate);
    w.key("expired_at_receipt");
    w.booleanOrNull(assessed.expiredAtReceipt);
    w.key("h");
    writeStrings(w, s.signedHeaders);
    w.key("i");
    w.stringOrNull(s.identity);
    w.key("l");
    w.numberOrNull(s.bodyLength);
    w.key("notes");
    writeStrings(w, assessed.notes);
    w.key("problems");
    writeStrings(w, s.problems);
    w.key("s");
    w.stringOrNull(s.selector);
    w.key("t");
    w.numberOrNull(s.timestamp);
    w.key("verified_by");
    w.stringOrNull(assessed.verifiedBy);
    w.key("verified_result");
    w.stringOrNull(assessed.verifiedResult);
    w.key("x");
    w.numberOrNull(s.expiration);
    w.endObject();
}

void writeArcSet(LineWriter& w, const AssessedArcSet& assessed)
{
    const ArcSet& s = assessed.set;
    const FieldTrust& trust = assessed.trust;
    w.beginObject();
    w.key("authserv_id");
    w.stringOrNull(s.authServId);
    w.key("checked_by");
    w.stringOrNull(trust.checkedBy);
    w.key("cv");
    w.stringOrNull(s.chainValidation);
    w.key("hop");
    w.positiveOrNull(trust.hop);
    w.key("i");
    w.integer(s.instance);
    w.key("problems");
    writeStrings(w, s.problems);
    w.key("results");
    w.beginArray();
    for (const AuthResult& r : s.results) {
        w.beginObject();
        w.key("method");
        w.string(r.method);
        w.key("properties");
        writePairs(w, r.properties);
        w.key("reason");
        w.stringOrNull(r.reason);
        w.key("result");
        w.string(r.result);
        w.endObject();
    }
    w.endArray();
    w.key("seal_domain");
    w.stringOrNull(s.sealDomain);
    w.key("seal_selector");
    w.stringOrNull(s.sealSelector);
    w.key("signature_domain");
    w.stringOrNull(s.signatureDomain);
    w.key("trust_reason");
    w.string(trust.reason);
    w.key("trusted");
    w.boolean(trust.trusted);
    w.endObject();
}

void writeSpamVerdict(LineWriter& w, const AssessedSpamVerdict& assessed)
{
    const SpamVerdict& v = assessed.verdict;
    const FieldTrust& trust = assessed.trust;
    w.beginObject();
    w.key("checked_by");
    w.stringOrNull(trust.checkedBy);
    w.key("field");
    w.string(v.field);
    w.key("filter");
    w.string(v.filter);
    w.key("hop");
    w.positiveOrNull(trust.hop);
    w.key("meanings");
    writeStrings(w, v.meanings);
    w.key("problems");
    writeStrings(w, v.problems);
    w.key("raw");
    w.string(v.raw);
    w.key("score");
    w.numberOrNull(v.score);
    w.key("spam");
    w.booleanOrNull(v.spam);
    w.key("threshold");
    w.numberOrNull(v.threshold);
    w.key("trust_reason");
    w.string(trust.reason);
    w.key("trusted");
    w.boolean(trust.trusted);
    w.key("values");
    writePairs(w, v.values);
    w.endObject();
}

// A field is malformed when it or one of its results has problems; they are listed together.
void writeMalformedFields(LineWriter& w, const QList<AuthenticationField>& fields)
{
    w.beginArray();
    for (const AuthenticationField& f : fields) {
        const bool malformed =
            !f.problems.isEmpty() || std::any_of(f.results.cbegin(), f.results.cend(),
                                                 [](const AuthResult& r) { return !r.problems.isEmpty(); });
        if (!malformed)
            continue;
        w.beginObject();
        w.key("field");
        w.string(f.name);
        w.key("problems");
        w.beginArray();
        for (const QString& problem : f.problems)
            w.string(problem);
        for (const AuthResult& r : f.results) {
            for (const QString& problem : r.problems)
                w.string(problem);
        }
        w.endArray();
        w.key("value");
        w.string(f.value);
        w.endObject();
    }
    w.endArray();
}

// The "authentication" object (README, "The authentication object"), as assessmentToJson().
void writeAssessment(LineWriter& w, const AuthenticationAssessment& a)
{
    w.beginObject();
    w.key("arc");
    w.beginObject();
    w.key("problems");
    writeStrings(w, a.arc.problems);
    w.key("sets");
    w.beginArray();
    for (const AssessedArcSet& set : a.arcSets)
        writeArcSet(w, set);
    w.endArray();
    w.key("state");
    w.string(a.arc.state);
    w.endObject();
    w.key("dkim_signatures");
    w.beginArray();
    for (const AssessedSignature& s : a.signatures)
        writeSignature(w, s);
    w.endArray();
    w.key("dmarc");
    w.beginObject();
    w.key("dkim_aligned");
    w.booleanOrNull(a.dkimAligned);
    w.key("dkim_aligned_strict");
    w.booleanOrNull(a.dkimAlignedStrict);
    w.key("reasons");
    writeStrings(w, a.dmarcReasons);
    w.key("receiver_policy");
    w.stringOrNull(a.receiverPolicy);
    w.key("receiver_result");
    w.stringOrNull(a.receiverDmarc);
    w.key("result");
    w.string(a.dmarc);
    w.key("spf_aligned");
    w.booleanOrNull(a.spfAligned);
    w.key("spf_aligned_strict");
    w.booleanOrNull(a.spfAlignedStrict);
    w.endObject();
    w.key("entry_hop");
    w.positiveOrNull(a.entryHop);
    w.key("from_domain");
    w.stringOrNull(a.fromDomain);
    w.key("from_organizational_domain");
    w.stringOrNull(a.fromOrganizationalDomain);
    w.key("helo_domain");
    w.stringOrNull(a.heloDomain);
    w.key("mail_from_domain");
    w.stringOrNull(a.mailFromDomain);
    w.key("malformed_fields");
    writeMalformedFields(w, a.fields);
    w.key("public_suffix_list");
    w.beginObject();
    w.key("description");
    w.string(a.suffixListSource);
    w.key("problem");
    w.stringOrNull(a.suffixListProblem);
    w.endObject();
    w.key("receiving_hosts");
    writeStrings(w, a.receivingHosts);
    w.key("results");
    w.beginArray();
    for (const AssessedResult& r : a.results)
        writeResult(w, r);
    w.endArray();
    w.key("spam_verdicts");
    w.beginArray();
    for (const AssessedSpamVerdict& v : a.spamVerdicts)
        writeSpamVerdict(w, v);
    w.endArray();
    w.endObject();
}

void writeFindings(LineWriter& w, const QList<SenderFinding>& findings)
{
    w.beginArray();
    for (const SenderFinding& f : findings) {
        w.beginObject();
        w.key("action");
        w.stringOrNull(f.action);
        w.key("delisting_page");
        w.stringOrNull(f.delistingPage);
        w.key("detail");
        w.string(f.detail);
        w.key("hops");
        w.beginArray();
        for (int hop : f.hops)
            w.integer(hop);
        w.endArray();
        w.key("id");
        w.string(f.id);
        w.key("ip");
        w.stringOrNull(f.ip);
        w.key("kind");
        w.string(f.kind);
        w.key("recipients");
        writeStrings(w, f.recipients);
        w.key("severity");
        w.string(QLatin1String(toString(f.severity)));
        w.key("title");
        w.string(f.title);
        w.endObject();
    }
    w.endArray();
}

void writeSendingIp(LineWriter& w, const SendingIp& ip)
{
    if (!ip.isValid()) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("address");
    w.string(ip.address);
    w.key("helo");
    w.stringOrNull(ip.helo);
    w.key("network");
    w.string(ip.network);
    w.key("private");
    w.boolean(ip.isPrivate);
    w.key("range");
    w.stringOrNull(ip.range);
    w.key("reverse_dns");
    w.stringOrNull(ip.reverseDns);
    w.key("source");
    w.string(ip.source);
    w.key("version");
    w.integer(ip.version);
    w.endObject();
}

} // namespace

QByteArray JsonReport::toJsonLine(const Analysis& analysis)
{
    QByteArray out;
    out.reserve(32 * 1024); // a line with long texts fits without growing (a string reserves 6 bytes a unit)
    LineWriter w(out);
    w.beginObject();
    w.key("authentication");
    writeAssessment(w, analysis.authAssessment);
    w.key("errors");
    writeStrings(w, analysis.errors);
    w.key("file");
    w.string(analysis.source);
    w.key("from_reply_text");
    w.boolean(analysis.fromReplyText);
    w.key("kind");
    w.string(analysis.kind());
    w.key("original_authentication");
    writeAssessment(w, analysis.originalAuthAssessment);
    w.key("original_relay");
    writeRelay(w, analysis.originalRelay);
    w.key("recipients");
    w.beginArray();
    for (const RecipientAnalysis& r : analysis.recipients)
        writeRecipient(w, r);
    w.endArray();
    w.key("relay");
    writeRelay(w, analysis.relay);
    w.key("report_format");
    w.stringOrNull(analysis.report.format);
    w.key("sender_findings");
    writeFindings(w, analysis.senderFindings);
    w.key("sending_ip");
    writeSendingIp(w, analysis.sendingIp);
    w.key("summary");
    w.stringOrNull(analysis.summary);
    w.key("total_transit_s");
    if (analysis.relay.totalSeconds)
        w.number(static_cast<double>(*analysis.relay.totalSeconds));
    else
        w.null();
    w.key("warnings");
    writeStrings(w, analysis.warnings);
    w.endObject();
    w.done();
    out += '\n';
    return out;
}

QByteArray JsonReport::toJsonLineViaTree(const Analysis& analysis)
{
    return QJsonDocument(toJson(analysis)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace headerlens
