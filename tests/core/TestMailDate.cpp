#include "MailDate.h"

#include <QRandomGenerator>
#include <QTest>

using namespace headerlens;

class TestMailDate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsDates_data();
    void readsDates();
    void refusesWhatIsNotADate_data();
    void refusesWhatIsNotADate();
    void keepsTheStatedOffset();
    void saysWhenNoZoneWasGiven();
    void saysWhenNoTimeWasGiven();
    void keepsMilliseconds();
    void writesIsoUtc();
    void theInstantIsTheWallClockMovedByTheOffset();
    void survivesLongAndBinaryInput();
    void theUsualFormIsReadAsTokenByToken();
};

// Expected instants are written in UTC by hand from the input.
void TestMailDate::readsDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc");

    QTest::newRow("an RFC 5322 date with day of week and numeric zone") << "Tue, 3 Dec 2024 09:15:02 +0100"
                                                                        << "2024-12-03T08:15:02Z";
    QTest::newRow("a zone comment after the numeric zone changes nothing")
        << "Tue, 3 Dec 2024 09:15:02 +0100 (CET)"
        << "2024-12-03T08:15:02Z";
    QTest::newRow("a negative offset with minutes (Newfoundland)") << "Mon, 2 Dec 2024 22:45:00 -0330"
                                                                   << "2024-12-03T02:15:00Z";
    QTest::newRow("a half-hour positive offset (India)") << "3 Dec 2024 13:45:00 +0530"
                                                         << "2024-12-03T08:15:00Z";
    QTest::newRow("zone and month names in any case") << "tue, 3 SEPT 2024 10:00:00 eSt"
                                                      << "2024-09-03T15:00:00Z";
    // U+017F LATIN SMALL LETTER LONG S folds to "s": names are compared the way Qt folds case.
    QTest::newRow("a month name with a letter that folds to ASCII") << "Sat, 3 Augu\u017Ft 2024 10:00:00 GMT"
                                                                    << "2024-08-03T10:00:00Z";
    QTest::newRow("the day of week is optional") << "03 Dec 2024 08:15:00 +0000"
                                                 << "2024-12-03T08:15:00Z";
    QTest::newRow("seconds are optional") << "Tue, 3 Dec 2024 08:15 +0000"
                                          << "2024-12-03T08:15:00Z";
    QTest::newRow("a single-digit day padded with two spaces (Postfix)")
        << "Sat,  7 Dec 2024 10:00:00 -0500 (EST)"
        << "2024-12-07T15:00:00Z";
    QTest::newRow("minus zero zone means UTC (RFC 5322 section 3.3)") << "3 Dec 2024 08:15:00 -0000"
                                                                      << "2024-12-03T08:15:00Z";
    QTest::newRow("GMT as a zone name") << "Tue, 03 Dec 2024 08:15:00 GMT"
                                        << "2024-12-03T08:15:00Z";
    QTest::newRow("UT as a zone name (obsolete)") << "3 Jul 2002 15:43:50 UT"
                                                  << "2002-07-03T15:43:50Z";
    QTest::newRow("a US zone name is honoured (PST = -0800)") << "Wed, 12 Feb 2003 14:22:21 PST"
                                                              << "2003-02-12T22:22:21Z";
    QTest::newRow("EDT as a zone name") << "Fri, 13 Sep 2024 14:36:56 EDT"
                                        << "2024-09-13T18:36:56Z";
    QTest::newRow("a European zone name (CEST = +0200)") << "Tue, 3 Sep 2024 10:15:00 CEST"
                                                         << "2024-09-03T08:15:00Z";
    QTest::newRow("the numeric zone wins over a contradicting name") << "17 Jan 2011 08:23:27 -0800 PST"
                                                                     << "2011-01-17T16:23:27Z";
    QTest::newRow("the zone only in a comment is used when nothing else gives one")
        << "Tue, 3 Dec 2024 00:15:06 (PST)"
        << "2024-12-03T08:15:06Z";
    QTest::newRow("the military letter Z is UTC") << "3 Dec 2024 08:15:00 Z"
                                                  << "2024-12-03T08:15:00Z";
    QTest::newRow("other military letters count as -0000 (RFC 5322 section 4.3)") << "3 Dec 2024 08:15:00 A"
                                                                                  << "2024-12-03T08:15:00Z";
    QTest::newRow("a two-digit year below 50 is in the 2000s (RFC 5322 section 4.3)")
        << "Thu, 20 Mar 03 10:06:43 +0100"
        << "2003-03-20T09:06:43Z";
    QTest::newRow("a two-digit year of 50 or more is in the 1900s") << "Sun, 06 Nov 94 08:49:37 GMT"
                                                                    << "1994-11-06T08:49:37Z";
    QTest::newRow("a three-digit year adds 1900 (RFC 5322 section 4.3)") << "06 Nov 104 08:49:37 +0000"
                                                                         << "2004-11-06T08:49:37Z";
    QTest::newRow("a full month name") << "3 December 2024 08:15:00 +0000"
                                       << "2024-12-03T08:15:00Z";
    QTest::newRow("lower-case names") << "tue, 3 dec 2024 08:15:00 gmt"
                                      << "2024-12-03T08:15:00Z";
    QTest::newRow("a full day name") << "Tuesday, 3 Dec 2024 08:15:00 +0000"
                                     << "2024-12-03T08:15:00Z";
    QTest::newRow("asctime with the zone at the end") << "Fri Feb 07 10:18:12 2003 -0800"
                                                      << "2003-02-07T18:18:12Z";
    QTest::newRow("asctime with a zone name before the year") << "Fri Sep 13 14:36:56 EDT 2024"
                                                              << "2024-09-13T18:36:56Z";
    QTest::newRow("month before day without day of week") << "Dec 3 2024 8:15:00 +0000"
                                                          << "2024-12-03T08:15:00Z";
    QTest::newRow("RFC 850 dashes") << "Sunday, 06-Nov-94 08:49:37 GMT"
                                    << "1994-11-06T08:49:37Z";
    QTest::newRow("ISO 8601 with a T and Z") << "2024-12-03T08:15:00Z"
                                             << "2024-12-03T08:15:00Z";
    QTest::newRow("ISO 8601 with an offset") << "2024-12-03T09:15:00+01:00"
                                             << "2024-12-03T08:15:00Z";
    QTest::newRow("Go time format with nanoseconds and a monotonic clock reading (SendGrid)")
        << "2024-12-03 08:15:08.456789012 +0000 UTC m=+1234.567890123"
        << "2024-12-03T08:15:08Z";
    QTest::newRow("an ISO date without leading zeros") << "2024-4-20 11:01:08 PM"
                                                       << "2024-04-20T23:01:08Z";
    QTest::newRow("a US numeric date with PM and an offset") << "4/20/2024 11:01:16 PM -0400 (EDT)"
                                                             << "2024-04-21T03:01:16Z";
    QTest::newRow("12 AM is midnight") << "4/20/2024 12:30:00 AM +0000"
                                       << "2024-04-20T00:30:00Z";
    QTest::newRow("a numeric date whose first number cannot be a month is day first")
        << "20/4/2024 10:00:00 +0000"
        << "2024-04-20T10:00:00Z";
    QTest::newRow("a dotted European date") << "20.04.2024 10:00:00 +0200"
                                            << "2024-04-20T08:00:00Z";
    QTest::newRow("a date only is midnight") << "22 Apr 2018"
                                             << "2018-04-22T00:00:00Z";
    QTest::newRow("24:00 is the end of the day") << "3 Dec 2024 24:00:00 +0000"
                                                 << "2024-12-04T00:00:00Z";
    QTest::newRow("a leap second is read as the second before") << "31 Dec 2016 23:59:60 +0000"
                                                                << "2016-12-31T23:59:59Z";
    QTest::newRow("GMT+hhmm written as one word") << "3 Dec 2024 10:15:00 GMT+0200"
                                                  << "2024-12-03T08:15:00Z";
    QTest::newRow("a stray underscore before the date (Cyrus)") << "_ Tue, 21 Jul 2009 14:34:14 +0200"
                                                                << "2009-07-21T12:34:14Z";
    QTest::newRow("a time zone written after a folded line") << "Mon, 01 Apr 2024\r\n 01:02:19 GMT"
                                                             << "2024-04-01T01:02:19Z";
}

void TestMailDate::readsDates()
{
    QFETCH(QString, text);
    QFETCH(QString, utc);
    const auto parsed = MailDate::parse(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(MailDate::toIsoUtc(parsed->time), utc);
}

void TestMailDate::refusesWhatIsNotADate_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty text") << QString();
    QTest::newRow("only spaces") << QStringLiteral("   ");
    QTest::newRow("words without a date") << QStringLiteral("hello world");
    QTest::newRow("a time without a date") << QStringLiteral("14:47:44 +0000");
    QTest::newRow("an hour of 25") << QStringLiteral("Mon, 29 Jul 2013 25:12:46 +0900");
    QTest::newRow("a minute of 61") << QStringLiteral("Mon, 29 Jul 2013 10:61:00 +0900");
    QTest::newRow("the 30th of February") << QStringLiteral("30 Feb 2024 10:00:00 +0000");
    QTest::newRow("a day of 32") << QStringLiteral("32 Jan 2024 10:00:00 +0000");
    QTest::newRow("a month name without day or year") << QStringLiteral("December");
    QTest::newRow("a version number is not a date") << QStringLiteral("Exim 4.96");
    QTest::newRow("a lone year") << QStringLiteral("2024");
    QTest::newRow("only a comment") << QStringLiteral("(3 Dec 2024 08:15:00 +0000)");
    QTest::newRow("punctuation") << QStringLiteral(";;;,,,::--//");
    QTest::newRow("a time cut short (midnight would be invented)")
        << QStringLiteral("Thu, 3 Dec 2026 10:00:0");
}

void TestMailDate::refusesWhatIsNotADate()
{
    QFETCH(QString, text);
    QVERIFY(!MailDate::parse(text).has_value());
}

void TestMailDate::keepsTheStatedOffset()
{
    const auto parsed = MailDate::parse(u"Tue, 3 Dec 2024 09:15:02 +0100");
    QVERIFY(parsed);
    QCOMPARE(parsed->time.offsetFromUtc(), 3600);
    QCOMPARE(parsed->time.time(), QTime(9, 15, 2));
    QVERIFY(parsed->zoneGiven);
}

void TestMailDate::saysWhenNoZoneWasGiven()
{
    const auto parsed = MailDate::parse(u"30 Apr 2003 15:06:29");
    QVERIFY(parsed);
    QVERIFY(!parsed->zoneGiven);
    QCOMPARE(MailDate::toIsoUtc(parsed->time), QStringLiteral("2003-04-30T15:06:29Z"));
}

void TestMailDate::saysWhenNoTimeWasGiven()
{
    const auto withoutTime = MailDate::parse(u"22 Apr 2018");
    QVERIFY(withoutTime);
    QVERIFY(!withoutTime->timeGiven);
    const auto withTime = MailDate::parse(u"22 Apr 2018 10:00 +0000");
    QVERIFY(withTime);
    QVERIFY(withTime->timeGiven);
}

void TestMailDate::keepsMilliseconds()
{
    const auto parsed = MailDate::parse(u"Thu, 02 Apr 2020 07:53:55.516 +0000 (UTC)");
    QVERIFY(parsed);
    QCOMPARE(parsed->time.toUTC().time(), QTime(7, 53, 55, 516));
}

void TestMailDate::writesIsoUtc()
{
    const QDateTime time(QDate(2026, 11, 27), QTime(11, 0), Qt::OffsetFromUTC, 3600);
    QCOMPARE(MailDate::toIsoUtc(time), QStringLiteral("2026-11-27T10:00:00Z"));
    // Across a day, a month and a year: 1 January 1970 00:30 at +01:00 is 31 December 1969.
    QCOMPARE(MailDate::toIsoUtc(QDateTime(QDate(1970, 1, 1), QTime(0, 30, 59, 999), Qt::OffsetFromUTC, 3600)),
             QStringLiteral("1969-12-31T23:30:59Z"));
    QCOMPARE(MailDate::toIsoUtc(QDateTime(QDate(9, 3, 4), QTime(5, 6, 7), Qt::UTC)),
             QStringLiteral("0009-03-04T05:06:07Z"));
    // Written as Qt writes ISO dates everywhere, also where Qt has no ISO form (empty).
    for (const QDateTime& t :
         {QDateTime(), QDateTime(QDate(10000, 1, 1), QTime(12, 0), Qt::UTC),
          QDateTime(QDate(-44, 3, 15), QTime(12, 0), Qt::UTC),
          QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::OffsetFromUTC, -3600),
          QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 500), Qt::OffsetFromUTC, -50400)})
        QCOMPARE(MailDate::toIsoUtc(t), t.toUTC().toString(Qt::ISODate));
    // Instants from year 1 to 9999 at every offset Qt allows, milliseconds before 1970 included:
    // the date and time are worked out from the instant, and must be Qt's.
    QRandomGenerator random(1205);
    const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 last = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    for (int round = 0; round < 20000; ++round) {
        const qint64 ms = round % 4 == 0 ? static_cast<qint64>(random.bounded(2000)) - 1000 // around 1970
                                         : first + static_cast<qint64>(random.bounded(double(last - first)));
        const int offset = static_cast<int>(random.bounded(2 * 14 * 3600 + 1)) - 14 * 3600;
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, offset);
        QCOMPARE(MailDate::toIsoUtc(t), t.toUTC().toString(Qt::ISODate));
    }
    // And the days where the calendar turns, in every year: the year's end and start, the end of
    // February and the first of March (leap days, centuries and their 400-year exceptions).
    for (int year = 1; year <= 9999; ++year) {
        for (const QDate& date : {QDate(year, 1, 1), QDate(year, 2, 28), QDate(year, 2, 29),
                                  QDate(year, 3, 1), QDate(year, 12, 31)}) {
            if (!date.isValid())
                continue;
            for (const QTime& clock : {QTime(0, 0), QTime(23, 59, 59, 999)}) {
                const QDateTime t(date, clock, Qt::UTC);
                QCOMPARE(MailDate::toIsoUtc(t), t.toString(Qt::ISODate));
            }
        }
    }
}

// A date read is the wall-clock time in the stated offset: the QDateTime built from the date
// and time as UTC, moved back by the offset and presented in it (UTC itself when the offset is
// 0). Generated dates from year 1000 to 9999, with and without milliseconds, numeric offsets up
// to 14 hours either way and zone names.
void TestMailDate::theInstantIsTheWallClockMovedByTheOffset()
{
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const std::pair<const char*, int> names[] = {{"GMT", 0}, {"EST", -5 * 3600}, {"PDT", -7 * 3600}};
    QRandomGenerator random(51205);
    for (int round = 0; round < 20000; ++round) {
        const QDate date(1000 + static_cast<int>(random.bounded(9000)),
                         1 + static_cast<int>(random.bounded(12)), 1 + static_cast<int>(random.bounded(28)));
        const QTime clock(static_cast<int>(random.bounded(24)), static_cast<int>(random.bounded(60)),
                          static_cast<int>(random.bounded(60)),
                          round % 3 == 0 ? static_cast<int>(random.bounded(1000)) : 0);
        QString text = QStringLiteral("%1 %2 %3 %4")
                           .arg(date.day())
                           .arg(QLatin1String(months[date.month() - 1]))
                           .arg(date.year())
                           .arg(clock.toString(round % 3 == 0 ? QStringLiteral("HH:mm:ss.zzz")
                                                              : QStringLiteral("HH:mm:ss")));
        int offset = 0;
        if (round % 5 == 0) {
            const auto& [name, seconds] = names[random.bounded(3)];
            text += QLatin1Char(' ') + QLatin1String(name);
            offset = seconds;
        } else {
            const int hours = static_cast<int>(random.bounded(15));
            const int minutes = static_cast<int>(random.bounded(4)) * 15;
            const bool west = random.bounded(2) == 0;
            offset = (west ? -1 : 1) * (hours * 3600 + minutes * 60);
            text += QStringLiteral(" %1%2%3")
                        .arg(west ? QLatin1Char('-') : QLatin1Char('+'))
                        .arg(hours, 2, 10, QLatin1Char('0'))
                        .arg(minutes, 2, 10, QLatin1Char('0'));
        }
        const auto parsed = MailDate::parse(text);
        QVERIFY2(parsed, qPrintable(text));
        const QDateTime utc = QDateTime(date, clock, Qt::UTC).addSecs(-offset);
        const QDateTime expected = offset == 0 ? utc : utc.toOffsetFromUtc(offset);
        QCOMPARE(parsed->time, expected);
        QCOMPARE(parsed->time.timeSpec(), expected.timeSpec());
        QCOMPARE(parsed->time.offsetFromUtc(), expected.offsetFromUtc());
        QCOMPARE(parsed->time.toString(Qt::ISODateWithMs), expected.toString(Qt::ISODateWithMs));
    }
}

void TestMailDate::survivesLongAndBinaryInput()
{
    QString junk;
    for (int i = 0; i < 20000; ++i)
        junk += QStringLiteral("((( 12:") + QChar(char16_t(i % 0xd000)) + QStringLiteral(" Dec ");
    MailDate::parse(junk); // no crash, no hang; the result does not matter
    const QString binary = QStringLiteral("3") + QChar(u'\0') + QStringLiteral("Dec 2024") + QChar(u'\x7f') +
                           QStringLiteral("08:15:00 +0000");
    const auto parsed = MailDate::parse(binary);
    QVERIFY(parsed);
    QCOMPARE(MailDate::toIsoUtc(parsed->time), QStringLiteral("2024-12-03T08:15:00Z"));
}

// parse() reads "Thu, 26 Nov 2026 15:04:58 +0000" by position; the result must be the one the
// token-by-token reading gives, for the usual form and for everything near it.
void TestMailDate::theUsualFormIsReadAsTokenByToken()
{
    const QList<QStringList> slots = {
        {QString(), QStringLiteral("Thu, "), QStringLiteral("Mon, "), QStringLiteral("thu, "),
         QStringLiteral("Thu,"), QStringLiteral("Thu "), QStringLiteral("  Sun, "),
         QStringLiteral("Thursday, "), QStringLiteral("Mar, ")},
        {QStringLiteral("26"), QStringLiteral("6"), QStringLiteral("06"), QStringLiteral("31"),
         QStringLiteral("00"), QStringLiteral("32"), QStringLiteral("2"), QStringLiteral("126")},
        {QStringLiteral(" Nov "), QStringLiteral(" Feb "), QStringLiteral(" nov "),
         QStringLiteral(" November "), QStringLiteral(" Nov  "), QStringLiteral("-Nov-"),
         QStringLiteral(" Xyz ")},
        {QStringLiteral("2026"), QStringLiteral("1999"), QStringLiteral("26"), QStringLiteral("2024"),
         QStringLiteral("20260")},
        {QStringLiteral(" 15:04:58"), QStringLiteral(" 00:00:00"), QStringLiteral(" 23:59:59"),
         QStringLiteral(" 24:00:00"), QStringLiteral(" 25:12:46"), QStringLiteral(" 12:60:00"),
         QStringLiteral(" 10:00:60"), QStringLiteral(" 9:04:58"), QStringLiteral(" 15:04"),
         QStringLiteral(" 15:04:58.123"), QStringLiteral("  15:04:58")},
        {QStringLiteral(" +0000"), QStringLiteral(" -0800"), QStringLiteral(" +0530"),
         QStringLiteral(" +1400"), QStringLiteral(" +1500"), QStringLiteral(" +0060"), QStringLiteral(" GMT"),
         QStringLiteral(" +02:00"), QStringLiteral(" EST"), QStringLiteral(""), QStringLiteral(" +000"),
         QStringLiteral("+0000")},
        {QString(), QStringLiteral(" (UTC)"), QStringLiteral(" (CEST)"), QStringLiteral(" (a (nested) one)"),
         QStringLiteral(" (back\\slash)"), QStringLiteral(" (unclosed"), QStringLiteral("(UTC)"),
         QStringLiteral(" PM"), QStringLiteral(" "), QStringLiteral("\t"), QStringLiteral(" x")},
    };
    const auto same = [](const std::optional<MailDate::Result>& a, const std::optional<MailDate::Result>& b) {
        if (a.has_value() != b.has_value())
            return false;
        return !a || (a->time == b->time && a->time.offsetFromUtc() == b->time.offsetFromUtc() &&
                      a->zoneGiven == b->zoneGiven && a->timeGiven == b->timeGiven);
    };
    QRandomGenerator random(8122026);
    int read = 0;
    for (int round = 0; round < 20000; ++round) {
        QString text;
        for (const QStringList& choices : slots) {
            // mostly the usual piece, so that the usual form and its near misses come up often
            const qsizetype pick =
                random.bounded(3) == 0 ? random.bounded(static_cast<int>(choices.size())) : 1;
            text += choices[std::min<qsizetype>(pick, choices.size() - 1)];
        }
        const auto shortcut = MailDate::parse(text);
        QVERIFY2(same(shortcut, MailDate::parseTokens(text)), qPrintable(text));
        read += shortcut.has_value();
    }
    QVERIFY(read > 5000);
}

QTEST_GUILESS_MAIN(TestMailDate)
#include "TestMailDate.moc"
