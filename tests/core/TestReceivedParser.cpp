#include "MailDate.h"
#include "ReceivedHop.h"

#include <QTest>

using namespace headerlens;

// Every expected value below was read off the input by hand. The hosts and addresses are invented
// (example.com/.net/.org, 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) in the
// layouts the named software writes.
namespace {

QString dated(const char* value)
{
    return QString::fromUtf8(value) + QStringLiteral("; Tue, 3 Dec 2024 08:15:00 +0000");
}

} // namespace

class TestReceivedParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheRoute_data();
    void readsTheRoute();
    void readsTheClientAsEachFamilyWritesIt_data();
    void readsTheClientAsEachFamilyWritesIt();
    void readsWhatTheCommentsSay_data();
    void readsWhatTheCommentsSay();
    void namesTheUser_data();
    void namesTheUser();
    void survivesBadInput_data();
    void survivesBadInput();
    void keepsTheReceiverAddress();
    void keepsTheOriginalWithText();
    void flagsAForgedReverseName();
    void notesAMissingZone();
    void doesNotHangOnHugeInput();
};

void TestReceivedParser::readsTheRoute_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("helo");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("ip");
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("forAddress");
    QTest::addColumn<QString>("time");

    // ---- Postfix: from HELO (RDNS [IP])
    QTest::newRow("Postfix names the HELO first and the reverse-DNS name with the address in the comment")
        << "from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.com (Postfix) with ESMTPS id "
           "4Wq2Xk3Jm2z9sT for <bob@example.com>; Tue, 3 Dec 2024 09:15:02 +0100 (CET)"
        << "mail.example.org"
        << "mail.example.org"
        << "192.0.2.10"
        << "mx.example.com"
        << "ESMTPS"
        << "4Wq2Xk3Jm2z9sT"
        << "bob@example.com"
        << "2024-12-03T08:15:02Z";
    QTest::newRow("Postfix writes unknown when the client has no reverse DNS")
        << "from laptop (unknown [203.0.113.5]) by mx.example.com (Postfix) with ESMTP id 7A1B2C3D4E; Tue, 3 "
           "Dec 2024 08:00:00 +0000"
        << "laptop"
        << ""
        << "203.0.113.5"
        << "mx.example.com"
        << "ESMTP"
        << "7A1B2C3D4E"
        << ""
        << "2024-12-03T08:00:00Z";
    QTest::newRow("Postfix writes an IPv6 client as an IPv6: literal")
        << "from mail.example.net (mail.example.net [IPv6:2001:db8:1:0:0:0:0:25]) by mx.example.com "
           "(Postfix) "
           "with ESMTPS id 4Y2Z3; Tue, 3 Dec 2024 08:00:01 +0000"
        << "mail.example.net"
        << "mail.example.net"
        << "2001:db8:1::25"
        << "mx.example.com"
        << "ESMTPS"
        << "4Y2Z3"
        << ""
        << "2024-12-03T08:00:01Z";
    QTest::newRow("Postfix names the IPv6 loopback for a local client")
        << "from mx.example.com (localhost [IPv6:::1]) by mx.example.com (Postfix) with ESMTP id 1A2B3C; "
           "Tue, 3 "
           "Dec 2024 08:00:02 +0000"
        << "mx.example.com"
        << "localhost"
        << "::1"
        << "mx.example.com"
        << "ESMTP"
        << "1A2B3C"
        << ""
        << "2024-12-03T08:00:02Z";
    QTest::newRow("Postfix pickup has no from clause at all")
        << "by mx.example.com (Postfix, from userid 1000) id 3C4D5E6F7A; Tue, 3 Dec 2024 08:00:03 +0000 (UTC)"
        << ""
        << ""
        << ""
        << "mx.example.com"
        << ""
        << "3C4D5E6F7A"
        << ""
        << "2024-12-03T08:00:03Z";
    QTest::newRow("Postfix keeps an address literal given as the HELO name")
        << "from [192.168.10.4] (dsl-203-0-113-8.example.net [203.0.113.8]) by mx.example.com (Postfix) with "
           "ESMTPSA id 9F8E7D; Tue, 3 Dec 2024 08:00:04 +0000"
        << "[192.168.10.4]"
        << "dsl-203-0-113-8.example.net"
        << "203.0.113.8"
        << "mx.example.com"
        << "ESMTPSA"
        << "9F8E7D"
        << ""
        << "2024-12-03T08:00:04Z";
    QTest::newRow("a folded Postfix field reads the same as an unfolded one")
        << "from mail.example.org (mail.example.org [192.0.2.12])\r\n\tby mx.example.com (Postfix) with "
           "ESMTPS "
           "id 4Wq2Xk\r\n\tfor <nora@example.com>;\r\n\tTue, 3 Dec 2024 08:15:00 +0000"
        << "mail.example.org"
        << "mail.example.org"
        << "192.0.2.12"
        << "mx.example.com"
        << "ESMTPS"
        << "4Wq2Xk"
        << "nora@example.com"
        << "2024-12-03T08:15:00Z";
    QTest::newRow("Amazon SES hands over to a Postfix MX in the Postfix layout")
        << "from a8-32.smtp-out.example.com (a8-32.smtp-out.example.com [198.51.100.32]) by mx.example.com "
           "(Postfix) with ESMTPS id 4Y2abc for <ivan@example.com>; Tue, 3 Dec 2024 08:15:08 +0000 (UTC)"
        << "a8-32.smtp-out.example.com"
        << "a8-32.smtp-out.example.com"
        << "198.51.100.32"
        << "mx.example.com"
        << "ESMTPS"
        << "4Y2abc"
        << "ivan@example.com"
        << "2024-12-03T08:15:08Z";

    // ---- Gmail
    QTest::newRow("Gmail writes the reverse-DNS name with a trailing dot")
        << "from mail-ej1-f45.example.com (mail-ej1-f45.example.com. [198.51.100.45]) by mx.google.com with "
           "ESMTPS id a1b2c3d4e5.12.2024.12.03.00.15.06 for <gina@example.org> (version=TLS1_3 "
           "cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 03 Dec 2024 00:15:06 -0800 (PST)"
        << "mail-ej1-f45.example.com"
        << "mail-ej1-f45.example.com"
        << "198.51.100.45"
        << "mx.google.com"
        << "ESMTPS"
        << "a1b2c3d4e5.12.2024.12.03.00.15.06"
        << "gina@example.org"
        << "2024-12-03T08:15:06Z";
    QTest::newRow("Gmail's internal hop is by an IPv6 address with an SMTP id")
        << "by 2001:db8:6a10:8f12:b0:5a1:1234:5678 with SMTP id d18csp123456pxa; Tue, 3 Dec 2024 00:15:06 "
           "-0800 "
           "(PST)"
        << ""
        << ""
        << ""
        << "2001:db8:6a10:8f12:b0:5a1:1234:5678"
        << "SMTP"
        << "d18csp123456pxa"
        << ""
        << "2024-12-03T08:15:06Z";
    QTest::newRow("Gmail submission gives an address-literal HELO and the public address in brackets")
        << "from [192.168.1.23] ([203.0.113.15]) by smtp.gmail.com with ESMTPSA id 5b1f17b1.12; Tue, 03 Dec "
           "2024 00:15:05 -0800 (PST)"
        << "[192.168.1.23]"
        << ""
        << "203.0.113.15"
        << "smtp.gmail.com"
        << "ESMTPSA"
        << "5b1f17b1.12"
        << ""
        << "2024-12-03T08:15:05Z";

    // ---- Exim: from RDNS ([IP] helo=HELO)
    QTest::newRow("Exim puts the reverse-DNS name first and the HELO name in a helo= comment")
        << "from relay.example.net ([198.51.100.7] helo=mta.example.net) by mx.example.com with esmtps  "
           "(TLS1.3) "
           "tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <bounce@example.net>) id 1tI5xY-0003aB-2c "
           "for "
           "alice@example.com; Tue, 03 Dec 2024 08:15:04 +0000"
        << "mta.example.net"
        << "relay.example.net"
        << "198.51.100.7"
        << "mx.example.com"
        << "esmtps"
        << "1tI5xY-0003aB-2c"
        << "alice@example.com"
        << "2024-12-03T08:15:04Z";
    QTest::newRow("Exim leaves out helo= when the HELO name equals the reverse-DNS name")
        << "from relay.example.net ([198.51.100.9]) by mx.example.com with esmtp (Exim 4.96) id "
           "1tI5xZ-0003aC-3d for rita@example.com; Tue, 03 Dec 2024 08:15:13 +0000"
        << "relay.example.net"
        << "relay.example.net"
        << "198.51.100.9"
        << "mx.example.com"
        << "esmtp"
        << "1tI5xZ-0003aC-3d"
        << "rita@example.com"
        << "2024-12-03T08:15:13Z";
    QTest::newRow("Exim without reverse DNS writes the address first and the HELO name in the comment")
        << "from [203.0.113.9] (helo=laptop) by smtp.example.com with esmtpsa (TLS1.2) tls "
           "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.97.1) id 1rJZfP-00000000Kc8-2l2d; Tue, 03 Dec 2024 "
           "08:15:04 +0000"
        << "laptop"
        << ""
        << "203.0.113.9"
        << "smtp.example.com"
        << "esmtpsa"
        << "1rJZfP-00000000Kc8-2l2d"
        << ""
        << "2024-12-03T08:15:04Z";
    QTest::newRow("Exim: a literal HELO name in helo= does not replace the client address in the from slot")
        << "from [203.0.113.140] (helo=[192.168.0.20]) by mx.example.net with esmtpsa (TLS1.3) tls "
           "TLS_AES_256_GCM_SHA384 (Exim 4.96) id 1abcDE-0001xx-2Z for b@example.net; Fri, 27 Nov 2026 "
           "10:00:00 +0000"
        << "[192.168.0.20]"
        << ""
        << "203.0.113.140"
        << "mx.example.net"
        << "esmtpsa"
        << "1abcDE-0001xx-2Z"
        << "b@example.net"
        << "2026-11-27T10:00:00Z";
    QTest::newRow("Exim writes the client port with an IPv6 address")
        << "from relay.example.net ([2001:db8:5::25]:41234 helo=relay.example.net) by mx.example.com with "
           "esmtps "
           "(TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) id 1tI5xZ-0003aE-5f; Tue, 03 Dec 2024 08:15:14 "
           "+0000"
        << "relay.example.net"
        << "relay.example.net"
        << "2001:db8:5::25"
        << "mx.example.com"
        << "esmtps"
        << "1tI5xZ-0003aE-5f"
        << ""
        << "2024-12-03T08:15:14Z";
    QTest::newRow("Exim with port= in the comment and no reverse DNS")
        << "from [198.51.100.10] (port=51234 helo=workstation) by mx.example.com with esmtpsa (TLS1.3) tls "
           "TLS_AES_256_GCM_SHA384 (Exim 4.96.2) id 1tI5xZ-0003aD-4e; Tue, 03 Dec 2024 08:15:14 +0000"
        << "workstation"
        << ""
        << "198.51.100.10"
        << "mx.example.com"
        << "esmtpsa"
        << "1tI5xZ-0003aD-4e"
        << ""
        << "2024-12-03T08:15:14Z";
    QTest::newRow("Exim local SMTP names the login and the HELO name, and no address")
        << "from alice (helo=workstation.example.com) by mail.example.com with local-esmtp (Exim 4.96) id "
           "1tI5y0-0003aF-6g; Tue, 03 Dec 2024 08:15:15 +0000"
        << "workstation.example.com"
        << ""
        << ""
        << "mail.example.com"
        << "esmtp"
        << "1tI5y0-0003aF-6g"
        << ""
        << "2024-12-03T08:15:15Z";
    QTest::newRow("Exim local delivery keeps the login in the from slot, the only name the client went by")
        << "from www-data by web.example.com with local (Exim 4.96) (envelope-from "
           "<www-data@web.example.com>) id "
           "1tI5y0-0003aG-7h for carol@example.org; Tue, 03 Dec 2024 08:15:16 +0000"
        << "www-data"
        << ""
        << ""
        << "web.example.com"
        << "local"
        << "1tI5y0-0003aG-7h"
        << "carol@example.org"
        << "2024-12-03T08:15:16Z";
    QTest::newRow("ecelerity writes the address, port and helo= without a name")
        << "from ([192.0.2.151:49601] helo=dev1.example.org) by m12.example.com (ecelerity 4.2.1.56364 "
           "r(Core:4.2.1.14)) with ESMTP id 52/92-02454-89FBA054 for <tom@example.com>; Tue, 03 Dec 2024 "
           "03:15:00 -0500"
        << "dev1.example.org"
        << ""
        << "192.0.2.151"
        << "m12.example.com"
        << "ESMTP"
        << "52/92-02454-89FBA054"
        << "tom@example.com"
        << "2024-12-03T08:15:00Z";

    // ---- Sendmail
    QTest::newRow("Sendmail names the HELO first and the reverse DNS in the comment")
        << "from client.example.org (client.example.org [198.51.100.23]) by mail.example.com (8.17.1/8.17.1) "
           "with ESMTP id 4B38F0aB012345 for <dave@example.com>; Tue, 3 Dec 2024 03:15:00 -0500"
        << "client.example.org"
        << "client.example.org"
        << "198.51.100.23"
        << "mail.example.com"
        << "ESMTP"
        << "4B38F0aB012345"
        << "dave@example.com"
        << "2024-12-03T08:15:00Z";
    QTest::newRow("Sendmail keeps a reverse-DNS name that it marks as possibly forged")
        << "from helo.example.org (ptr.example.net [198.51.100.24] (may be forged)) by mail.example.com "
           "(8.17.1/8.17.1) with ESMTP id 4B38F0aB012346; Tue, 3 Dec 2024 03:15:00 -0500"
        << "helo.example.org"
        << "ptr.example.net"
        << "198.51.100.24"
        << "mail.example.com"
        << "ESMTP"
        << "4B38F0aB012346"
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("Sendmail without reverse DNS writes only the address in brackets")
        << "from helo.example.org ([198.51.100.25]) by mail.example.com (8.17.1/8.17.1) with ESMTP id "
           "4B38F0aB012347; Tue, 3 Dec 2024 03:15:00 -0500"
        << "helo.example.org"
        << ""
        << "198.51.100.25"
        << "mail.example.com"
        << "ESMTP"
        << "4B38F0aB012347"
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("Sendmail writes an ident user before the reverse-DNS name")
        << "from mail.example.org (IDENT:mailer@gw.example.org [192.0.2.77]) by mail.example.com "
           "(8.12.11/8.12.11) with SMTP id h1AB2cD3; Tue, 3 Dec 2024 08:00:00 +0000"
        << "mail.example.org"
        << "gw.example.org"
        << "192.0.2.77"
        << "mail.example.com"
        << "SMTP"
        << "h1AB2cD3"
        << ""
        << "2024-12-03T08:00:00Z";
    QTest::newRow("Sendmail local submission puts the user where the HELO name would be")
        << "(from operator@localhost) by mail.example.com (8.17.1/8.17.1/Submit) id 4B38F0aB012348; Tue, 3 "
           "Dec "
           "2024 03:15:00 -0500"
        << "operator@localhost"
        << ""
        << ""
        << "mail.example.com"
        << ""
        << "4B38F0aB012348"
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("a from clause written as a comment names the host as the server found it")
        << "(from gateway.example.net [192.0.2.90]) by av.example.com (NAVGW 2.5.2.12) with SMTP id "
           "M2024120308150001 for <erin@example.com>; Tue, 03 Dec 2024 08:15:00 +0000"
        << ""
        << "gateway.example.net"
        << "192.0.2.90"
        << "av.example.com"
        << "SMTP"
        << "M2024120308150001"
        << "erin@example.com"
        << "2024-12-03T08:15:00Z";

    // ---- qmail family: from RDNS (HELO name) (IP)
    QTest::newRow("qmail writes the reverse-DNS name, the HELO name in (HELO ...) and the address")
        << "from mail.example.org (HELO mx1.example.org) (198.51.100.40) by mail.example.com with SMTP; 3 "
           "Dec "
           "2024 08:15:00 -0000"
        << "mx1.example.org"
        << "mail.example.org"
        << "198.51.100.40"
        << "mail.example.com"
        << "SMTP"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("qmail writes unknown when there is no reverse DNS")
        << "from unknown (HELO mx.example.org) (198.51.100.41) by mail.example.com with SMTP; 3 Dec 2024 "
           "08:15:00 "
           "-0000"
        << "mx.example.org"
        << ""
        << "198.51.100.41"
        << "mail.example.com"
        << "SMTP"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("qmail leaves out (HELO ...) when it equals the reverse-DNS name")
        << "from mail.example.org (mailer@198.51.100.42) by mail.example.com with ESMTPA; 3 Dec 2024 "
           "08:15:00 "
           "-0000"
        << "mail.example.org"
        << "mail.example.org"
        << "198.51.100.42"
        << "mail.example.com"
        << "ESMTPA"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("qmail, known by its date form, leaves out (HELO ...) and the remote user")
        << "from mail.example.org (198.51.100.43) by mail.example.com with SMTP; 3 Dec 2024 08:15:00 -0000"
        << "mail.example.org"
        << "mail.example.org"
        << "198.51.100.43"
        << "mail.example.com"
        << "SMTP"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("qmail's local injection names no host")
        << "(qmail 12345 invoked by uid 89); 3 Dec 2024 08:15:00 -0000"
        << ""
        << ""
        << ""
        << ""
        << ""
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("qmail's network injection names no host either")
        << "(qmail 12346 invoked from network); 3 Dec 2024 08:15:01 -0000"
        << ""
        << ""
        << ""
        << ""
        << ""
        << ""
        << ""
        << "2024-12-03T08:15:01Z";
    QTest::newRow("qpsmtpd follows the qmail layout") << "from mail.example.org (HELO relay.example.org) "
                                                         "(192.0.2.50) by mx.example.com (qpsmtpd/0.96) with "
                                                         "ESMTPS; Tue, 03 Dec 2024 08:15:00 +0000"
                                                      << "relay.example.org"
                                                      << "mail.example.org"
                                                      << "192.0.2.50"
                                                      << "mx.example.com"
                                                      << "ESMTPS"
                                                      << ""
                                                      << ""
                                                      << "2024-12-03T08:15:00Z";
    QTest::newRow("Zimbra's LMTP hop writes LHLO in the qmail layout")
        << "from zimbra.example.com (LHLO zimbra.example.com) (192.0.2.5) by zimbra.example.com with LMTP; "
           "Tue, "
           "3 Dec 2024 09:15:09 +0100 (CET)"
        << "zimbra.example.com"
        << "zimbra.example.com"
        << "192.0.2.5"
        << "zimbra.example.com"
        << "LMTP"
        << ""
        << ""
        << "2024-12-03T08:15:09Z";
    QTest::newRow("Yahoo writes the EHLO name in the qmail layout")
        << "from sonic301-2.consmr.mail.example.com (EHLO smtp.example.org) (203.0.113.83) by "
           "mta4001.mail.example.com with SMTPS; Tue, 03 Dec 2024 08:15:07 +0000"
        << "smtp.example.org"
        << "sonic301-2.consmr.mail.example.com"
        << "203.0.113.83"
        << "mta4001.mail.example.com"
        << "SMTPS"
        << ""
        << ""
        << "2024-12-03T08:15:07Z";
    QTest::newRow("Yahoo webmail gives only the client address")
        << "from 203.0.113.84 by web123.mail.example.com with HTTP; Tue, 3 Dec 2024 08:15:07 +0000"
        << ""
        << ""
        << "203.0.113.84"
        << "web123.mail.example.com"
        << "HTTP"
        << ""
        << ""
        << "2024-12-03T08:15:07Z";
    QTest::newRow("Yahoo SMTP submission names the user with the client address")
        << "from laptop (jdoe@203.0.113.85 with login) by smtp101.mail.example.com with SMTP; 03 Dec 2024 "
           "00:15:07 -0800 PST"
        << "laptop"
        << ""
        << "203.0.113.85"
        << "smtp101.mail.example.com"
        << "SMTP"
        << ""
        << ""
        << "2024-12-03T08:15:07Z";

    // ---- Courier
    QTest::newRow("Courier writes the client as an IPv4-mapped IPv6 address and the id after the date")
        << "from mail.example.org (mail.example.org [::ffff:192.0.2.61]) (AUTH: LOGIN frank@example.org, "
           "TLS: "
           "TLSv1.3,256bits,TLS_AES_256_GCM_SHA384) by mx.example.com with ESMTPSA; Tue, 03 Dec 2024 "
           "08:15:00 "
           "+0000 id 00000000001A2B3C.00000000674EBD54.00001F2E"
        << "mail.example.org"
        << "mail.example.org"
        << "192.0.2.61"
        << "mx.example.com"
        << "ESMTPSA"
        << "00000000001A2B3C.00000000674EBD54.00001F2E"
        << ""
        << "2024-12-03T08:15:00Z";

    // ---- Microsoft: from HELO (IP) by NAME (IP) with Microsoft SMTP Server
    QTest::newRow("Exchange names the HELO name and the address in parentheses")
        << "from AM6PR02MB1234.eurprd02.prod.example.com (2001:db8:20b:1a0::12) by "
           "DB9PR02MB5678.eurprd02.prod.example.com (2001:db8:10:1f4::19) with Microsoft SMTP Server "
           "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.18; Tue, 3 Dec 2024 "
           "08:15:05 +0000"
        << "AM6PR02MB1234.eurprd02.prod.example.com"
        << ""
        << "2001:db8:20b:1a0::12"
        << "DB9PR02MB5678.eurprd02.prod.example.com"
        << "Microsoft SMTP Server"
        << "15.20.8207.18"
        << ""
        << "2024-12-03T08:15:05Z";
    QTest::newRow("Office 365's frontend hop names the via transport")
        << "from EUR05-DB8-obe.outbound.protection.example.com (198.51.100.88) by "
           "AM4PEPF00027A5F.mail.protection.example.com (10.167.16.73) with Microsoft SMTP Server "
           "(version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8230.7 via Frontend Transport; Tue, 3 "
           "Dec "
           "2024 08:15:05 +0000"
        << "EUR05-DB8-obe.outbound.protection.example.com"
        << ""
        << "198.51.100.88"
        << "AM4PEPF00027A5F.mail.protection.example.com"
        << "Microsoft SMTP Server"
        << "15.20.8230.7"
        << ""
        << "2024-12-03T08:15:05Z";
    QTest::newRow("Exchange's mailbox hop uses mapi and link-local addresses with a zone index")
        << "from DB9PR02MB5678.eurprd02.prod.example.com ([fe80::3c1a:2b4d:5e6f:7a8b]) by "
           "DB9PR02MB5678.eurprd02.prod.example.com ([fe80::3c1a:2b4d:5e6f:7a8b%4]) with mapi id "
           "15.20.8207.017; Tue, 3 Dec 2024 08:15:05 +0000"
        << "DB9PR02MB5678.eurprd02.prod.example.com"
        << ""
        << "fe80::3c1a:2b4d:5e6f:7a8b"
        << "DB9PR02MB5678.eurprd02.prod.example.com"
        << "mapi"
        << "15.20.8207.017"
        << ""
        << "2024-12-03T08:15:05Z";
    QTest::newRow("Office 365's internal HTTPS hop names a via server")
        << "From DM6PR06MB4475.namprd06.prod.example.com (2001:db8:207:3d::31) By "
           "BL0PR06MB4465.namprd06.prod.example.com With HTTPS Via BL0PR02CA0054.NAMPRD02.PROD.EXAMPLE.COM; "
           "Tue, 3 Dec 2024 08:15:06 +0000"
        << "DM6PR06MB4475.namprd06.prod.example.com"
        << ""
        << "2001:db8:207:3d::31"
        << "BL0PR06MB4465.namprd06.prod.example.com"
        << "HTTPS"
        << ""
        << ""
        << "2024-12-03T08:15:06Z";
    QTest::newRow("the old IIS SMTP service writes its product name with a version attached")
        << "from BLU0-SMTP12 ([203.0.113.33]) by BLU004-OMC2S38.example.com over TLS secured channel with "
           "Microsoft SMTPSVC(7.5.7601.23008); Tue, 3 Dec 2024 09:44:09 -0800"
        << "BLU0-SMTP12"
        << ""
        << "203.0.113.33"
        << "BLU004-OMC2S38.example.com"
        << "Microsoft SMTPSVC"
        << ""
        << ""
        << "2024-12-03T17:44:09Z";
    QTest::newRow("Exchange writes (TLS) after the product name without a version")
        << "from MBX7.example.com (2001:db8:2eaf:356b::2eaf:356b) by MBX5.example.com "
           "(2001:db8:2eaf:3569::2eaf:3569) with Microsoft SMTP\r\n Server (TLS) id 15.0.1104.5; Tue, 3 Dec "
           "2024 17:39:59 +0000"
        << "MBX7.example.com"
        << ""
        << "2001:db8:2eaf:356b::2eaf:356b"
        << "MBX5.example.com"
        << "Microsoft SMTP Server"
        << "15.0.1104.5"
        << ""
        << "2024-12-03T17:39:59Z";

    // ---- Bulk senders and other servers
    QTest::newRow("PowerMTA gives the HELO name and address, and the envelope sender after the date")
        << "from localhost (10.0.0.21) by mta1.example.net (PowerMTA(TM) v5.0r3) id h1a2b3c4d5e6 for "
           "<kate@example.com>; Tue, 3 Dec 2024 03:15:09 -0500 (envelope-from <bounce-123@example.net>)"
        << "localhost"
        << ""
        << "10.0.0.21"
        << "mta1.example.net"
        << ""
        << "h1a2b3c4d5e6"
        << "kate@example.com"
        << "2024-12-03T08:15:09Z";
    QTest::newRow("SendGrid's API hop names an encoded account and no address")
        << "from MjA3NDc4Mg (unknown) by geopod-ismtpd-1 (SG) with HTTP id 4Qm3xYzTQ1u-AbCdEfGh for "
           "<judy@example.com>; Tue, 03 Dec 2024 08:15:08.123 +0000 (UTC)"
        << "MjA3NDc4Mg"
        << ""
        << ""
        << "geopod-ismtpd-1"
        << "HTTP"
        << "4Qm3xYzTQ1u-AbCdEfGh"
        << "judy@example.com"
        << "2024-12-03T08:15:08Z";
    QTest::newRow("SendGrid's filter hop writes a Go timestamp without a semicolon")
        << "by filter0123p1iad2.mail.example.net with SMTP id filter0123p1iad2-12345-674EBD5C-1\r\n "
           "2024-12-03 08:15:08.456789012 +0000 UTC m=+1234.567890123"
        << ""
        << ""
        << ""
        << "filter0123p1iad2.mail.example.net"
        << "SMTP"
        << "filter0123p1iad2-12345-674EBD5C-1"
        << ""
        << "2024-12-03T08:15:08Z";
    QTest::newRow("a date straight after the id without a semicolon")
        << "from smtp.example.org (out-8.smtp.example.org [192.0.2.199]) by ismtpd0003p1iad2.example.net "
           "(SG) "
           "with ESMTP id gDQRSEGgSqCsi9tFtF1Vtg Tue, 03 Dec 2024 08:15:07.102 +0000 (UTC)"
        << "smtp.example.org"
        << "out-8.smtp.example.org"
        << "192.0.2.199"
        << "ismtpd0003p1iad2.example.net"
        << "ESMTP"
        << "gDQRSEGgSqCsi9tFtF1Vtg"
        << ""
        << "2024-12-03T08:15:07Z";
    QTest::newRow("Amazon SES inbound names the recipient without angle brackets")
        << "from mail.example.org (mail.example.org [198.51.100.61]) by inbound-smtp.us-east-1.example.com "
           "with "
           "SMTP id abc123def456ghi789 for carl@example.com; Tue, 03 Dec 2024 08:15:09 +0000 (UTC)"
        << "mail.example.org"
        << "mail.example.org"
        << "198.51.100.61"
        << "inbound-smtp.us-east-1.example.com"
        << "SMTP"
        << "abc123def456ghi789"
        << "carl@example.com"
        << "2024-12-03T08:15:09Z";
    QTest::newRow("Mailgun's inbound hop")
        << "from mail-ed1-f54.example.org (mail-ed1-f54.example.org [198.51.100.54]) by "
           "mxa.mailgun.example.net "
           "with ESMTP id 674ebd5c.7f1234567890-smtp-in-n03; Tue, 03 Dec 2024 08:15:08 -0000 (UTC)"
        << "mail-ed1-f54.example.org"
        << "mail-ed1-f54.example.org"
        << "198.51.100.54"
        << "mxa.mailgun.example.net"
        << "ESMTP"
        << "674ebd5c.7f1234567890-smtp-in-n03"
        << ""
        << "2024-12-03T08:15:08Z";
    QTest::newRow("Stalwart writes the TLS comment between from and by")
        << "from mail.example.org (mail.example.org [192.0.2.30]) (using TLSv1.3 with cipher "
           "TLS_AES_128_GCM_SHA256) by mx.example.com (Stalwart SMTP) with ESMTPS id 0A1B2C3D4E5F; Tue, 3 "
           "Dec "
           "2024 08:15:10 +0000"
        << "mail.example.org"
        << "mail.example.org"
        << "192.0.2.30"
        << "mx.example.com"
        << "ESMTPS"
        << "0A1B2C3D4E5F"
        << ""
        << "2024-12-03T08:15:10Z";
    QTest::newRow("OpenSMTPD names a local client as [local]")
        << "from localhost (mail.example.com [local]) by mail.example.com (OpenSMTPD) with ESMTPA id "
           "5db34e0d for "
           "<leo@example.com>; Tue, 3 Dec 2024 01:15:10 -0700 (MST)"
        << "localhost"
        << "mail.example.com"
        << ""
        << "mail.example.com"
        << "ESMTPA"
        << "5db34e0d"
        << "leo@example.com"
        << "2024-12-03T08:15:10Z";
    QTest::newRow("OpenSMTPD writes its TLS parameters after the id")
        << "from mail.example.org (mail.example.org [192.0.2.31]) by mx.example.com (OpenSMTPD) with ESMTPS "
           "id "
           "5db34e0e (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO) for <leo@example.com>; Tue, 3 Dec 2024 08:15:10 "
           "+0000 (UTC)"
        << "mail.example.org"
        << "mail.example.org"
        << "192.0.2.31"
        << "mx.example.com"
        << "ESMTPS"
        << "5db34e0e"
        << "leo@example.com"
        << "2024-12-03T08:15:10Z";
    QTest::newRow("Haraka writes envelope-from as plain words after the id")
        << "from mail.example.org (mail.example.org [192.0.2.32]) by mx.example.com (Haraka/3.0.3) with "
           "ESMTPS "
           "id 4F1C2D3E-5A6B-4C7D-8E9F-0A1B2C3D4E5F.1 envelope-from <mia@example.org> (authenticated bits=0) "
           "(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 verify=NO); Tue, 03 Dec 2024 08:15:11 +0000"
        << "mail.example.org"
        << "mail.example.org"
        << "192.0.2.32"
        << "mx.example.com"
        << "ESMTPS"
        << "4F1C2D3E-5A6B-4C7D-8E9F-0A1B2C3D4E5F.1"
        << ""
        << "2024-12-03T08:15:11Z";
    QTest::newRow("MDaemon names only the HELO name") << "from mail.example.org by mx.example.com (MDaemon "
                                                         "PRO v23.5.1) with ESMTPS id md5001234567.msg for "
                                                         "<nina@example.com>; Tue, 03 Dec 2024 09:15:11 +0100"
                                                      << "mail.example.org"
                                                      << ""
                                                      << ""
                                                      << "mx.example.com"
                                                      << "ESMTPS"
                                                      << "md5001234567.msg"
                                                      << "nina@example.com"
                                                      << "2024-12-03T08:15:11Z";
    QTest::newRow("old MDaemon writes the addresses in brackets without parentheses")
        << "from acmepc [203.0.113.95] by mailscan.example.com [203.0.113.27] with SMTP "
           "(MDaemon.PRO.v5.0.6.R) "
           "for <olga@example.com>; Tue, 03 Dec 2024 18:15:12 +1000"
        << "acmepc"
        << ""
        << "203.0.113.95"
        << "mailscan.example.com"
        << "SMTP"
        << ""
        << "olga@example.com"
        << "2024-12-03T08:15:12Z";
    QTest::newRow("IBM z/OS writes for before with and an upper-case Id")
        << "from NODE7.EXAMPLE.COM (NODE7) by MVS1.EXAMPLE.COM (MVS1 ) for <OPER@NODE7> with ESMTP (IBM MVS "
           "z/OS V02R05.00) Id MVS1.20241203.081512.123456.7.89@EXAMPLE.COM ; Tue, 03 Dec 2024 08:15:12 +0000"
        << "NODE7.EXAMPLE.COM"
        << ""
        << ""
        << "MVS1.EXAMPLE.COM"
        << "ESMTP"
        << "MVS1.20241203.081512.123456.7.89@EXAMPLE.COM"
        << "OPER@NODE7"
        << "2024-12-03T08:15:12Z";
    QTest::newRow("amavis hands the message back over loopback")
        << "from mx.example.com ([127.0.0.1]) by localhost (mx.example.com [127.0.0.1]) (amavisd-new, port "
           "10024) with ESMTP id AbCdEfGh1234 for <oscar@example.com>; Tue,  3 Dec 2024 09:15:12 +0100 (CET)"
        << "mx.example.com"
        << ""
        << "127.0.0.1"
        << "localhost"
        << "ESMTP"
        << "AbCdEfGh1234"
        << "oscar@example.com"
        << "2024-12-03T08:15:12Z";
    QTest::newRow("Dovecot LMTP names no address")
        << "from mx.example.com by mx.example.com with LMTP id kKJ3Hk+9TmfyBQAAe3RqSg (envelope-from "
           "<paul@example.org>) for <quinn@example.com>; Tue, 03 Dec 2024 09:15:13 +0100"
        << "mx.example.com"
        << ""
        << ""
        << "mx.example.com"
        << "LMTP"
        << "kKJ3Hk+9TmfyBQAAe3RqSg"
        << "quinn@example.com"
        << "2024-12-03T08:15:13Z";
    QTest::newRow("Cyrus LMTP over a unix socket")
        << "from mx.example.com ([unix socket]) by mx.example.com (Cyrus 3.8.1) with LMTPA; Tue, 03 Dec 2024 "
           "09:15:13 +0100"
        << "mx.example.com"
        << ""
        << ""
        << "mx.example.com"
        << "LMTPA"
        << ""
        << ""
        << "2024-12-03T08:15:13Z";
    QTest::newRow("Kerio Connect names no protocol")
        << "from www.example.nl ([192.0.2.87]) by smtp.example.nl (Kerio Connect 9.4.2) for "
           "sales@example.com; "
           "Tue, 3 Dec 2024 09:15:10 +0100"
        << "www.example.nl"
        << ""
        << "192.0.2.87"
        << "smtp.example.nl"
        << ""
        << ""
        << "sales@example.com"
        << "2024-12-03T08:15:10Z";
    QTest::newRow("CommuniGate Pro spells TLS as ESMTP-TLS")
        << "from [192.0.2.30] (account jane@example.org [192.0.2.30] verified) by mail.example.org "
           "(CommuniGate "
           "Pro SMTP 6.3.2) with ESMTP-TLS id 5026665 for ken@example.com; Tue, 03 Dec 2024 09:15:05 +0100"
        << "[192.0.2.30]"
        << ""
        << "192.0.2.30"
        << "mail.example.org"
        << "ESMTPS"
        << "5026665"
        << "ken@example.com"
        << "2024-12-03T08:15:05Z";
    QTest::newRow("XMail writes the product in brackets after with and the sender after for")
        << "from list.example.net (192.0.2.86:23198) by mx1.example.com with [XMail 1.27 ESMTP Server] id "
           "<S72E> "
           "for <lee@example.com> from <bounce-11@example.net>; Tue, 3 Dec 2024 02:15:54 -0600"
        << "list.example.net"
        << ""
        << "192.0.2.86"
        << "mx1.example.com"
        << "ESMTP"
        << "S72E"
        << "lee@example.com"
        << "2024-12-03T08:15:54Z";
    QTest::newRow("keywords in upper case, and an address where the reverse-DNS name would be")
        << "FROM helo.example.org (198.51.100.3 [198.51.100.3]) BY mx.example.com (Rockliffe SMTPRA 10.3.0) "
           "WITH "
           "SMTP ID <B0065361981@mx.example.com> FOR <max@example.com>; Tue, 3 Dec 2024 10:15:00 +0200"
        << "helo.example.org"
        << ""
        << "198.51.100.3"
        << "mx.example.com"
        << "SMTP"
        << "B0065361981@mx.example.com"
        << "max@example.com"
        << "2024-12-03T08:15:00Z";
    // An MTA no table row knows: "from NAME (IP)" is the qmail layout that commercial MTAs copy, NAME
    // the looked-up name (and the HELO name, left out when equal). Until issue 9 this row said "no
    // reverse DNS", reading NAME as the HELO name only.
    QTest::newRow("a recipient written after the date")
        << "from olgisoft.example.com (127.0.0.1) by 127.0.0.1 (EzMTS MTSSmtp 1.55d5) ; Tue, 03 Dec 24 "
           "10:06:43 "
           "+0100 for <pat@example.com>"
        << "olgisoft.example.com"
        << "olgisoft.example.com"
        << "127.0.0.1"
        << "127.0.0.1"
        << ""
        << ""
        << "pat@example.com"
        << "2024-12-03T09:06:43Z";
    QTest::newRow("via names the gateway program and a second from names the source")
        << "from example.org by gw.example.net via smail from stdin id <m1FglM8-000okjC@gw.example.net> for "
           "list@example.com; Tue, 3 Dec 2024 09:15:00 +0100 (CET)"
        << "example.org"
        << ""
        << ""
        << "gw.example.net"
        << ""
        << "m1FglM8-000okjC@gw.example.net"
        << "list@example.com"
        << "2024-12-03T08:15:00Z";
    QTest::newRow("fetchmail writes the address in brackets after the server name")
        << "from pop.example.net [192.0.2.110] by localhost with POP3 (fetchmail-6.4.37) for <rob@localhost> "
           "(single-drop); Tue, 03 Dec 2024 00:15:00 -0800 (PST)"
        << "pop.example.net"
        << ""
        << "192.0.2.110"
        << "localhost"
        << "POP3"
        << ""
        << "rob@localhost"
        << "2024-12-03T08:15:00Z";
    QTest::newRow("a webmail client is named by its address only")
        << "from 198.51.100.77 (SquirrelMail authenticated user sue) by webmail.example.com with HTTP; Tue, "
           "3 "
           "Dec 2024 03:15:00 -0500 (EST)"
        << ""
        << ""
        << "198.51.100.77"
        << "webmail.example.com"
        << "HTTP"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    // A literal with the address in a comment after it is the EHLO argument (RFC 5321 section 4.4,
    // Extended-Domain), even when it repeats the address; this row used to drop it as a repetition.
    QTest::newRow("MessageLabs writes the cipher before 'encrypted SMTP'")
        << "from [192.0.2.14] ([192.0.2.14]) by server-7.tower-123.messagelabs.example.com with "
           "AES256-GCM-SHA384 encrypted SMTP; 3 Dec 2024 08:15:00 -0000"
        << "[192.0.2.14]"
        << ""
        << "192.0.2.14"
        << "server-7.tower-123.messagelabs.example.com"
        << "SMTP"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("a protocol word with the TLS cipher glued on")
        << "from unknown (HELO mp1.example.de) () by p01.mail.example.de with "
           "ESMTP/TLS/DHE-RSA-AES256-GCM-SHA384; 03 Dec 2024 09:24:06 +0200"
        << "mp1.example.de"
        << ""
        << ""
        << "p01.mail.example.de"
        << "ESMTP"
        << ""
        << ""
        << "2024-12-03T07:24:06Z";
    QTest::newRow("a trailing dot after the receiving host name is dropped")
        << "by mx.example.com. with ESMTP id 1; Tue, 3 Dec 2024 08:15:00 +0000"
        << ""
        << ""
        << ""
        << "mx.example.com"
        << "ESMTP"
        << "1"
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("Yahoo names the client by an internal address, then its EHLO name and public address")
        << "from 192.168.1.2 (EHLO mail.example.com) (192.0.2.1) by mta1.example.com with SMTPS; Tue, 03 Dec "
           "2024 08:15:00 +0000"
        << "mail.example.com"
        << ""
        << "192.0.2.1"
        << "mta1.example.com"
        << "SMTPS"
        << ""
        << ""
        << "2024-12-03T08:15:00Z";
    QTest::newRow("Lotus Domino writes its release after the receiving host")
        << "from mail.example.com ([192.0.2.1]) by domino.example.com (Lotus Domino Release 8.5.3FP6) with "
           "ESMTP "
           "id 2024120308150012-1234 ; Tue, 3 Dec 2024 08:15:00 +0000"
        << "mail.example.com"
        << ""
        << "192.0.2.1"
        << "domino.example.com"
        << "ESMTP"
        << "2024120308150012-1234"
        << ""
        << "2024-12-03T08:15:00Z";
    // "NAME (IP)" from an unknown MTA: NAME is the looked-up name (see "a recipient written after the date")
    QTest::newRow("the from keyword left out before a host name")
        << "mail.example.com (192.0.2.1) by mx.example.com with ESMTP id qid1 for <foo@example.com>; Tue, 3 "
           "Dec "
           "2024 08:15:00 +0000"
        << "mail.example.com"
        << "mail.example.com"
        << "192.0.2.1"
        << "mx.example.com"
        << "ESMTP"
        << "qid1"
        << "foo@example.com"
        << "2024-12-03T08:15:00Z";
    QTest::newRow("clauses in an unusual order (for before by)")
        << "from relay.example.org (relay.example.org [192.0.2.3]) for <uma@example.com> id XYZ123 with "
           "ESMTP "
           "by mx.example.com; Tue, 3 Dec 2024 08:15:00 +0000"
        << "relay.example.org"
        << "relay.example.org"
        << "192.0.2.3"
        << "mx.example.com"
        << "ESMTP"
        << "XYZ123"
        << "uma@example.com"
        << "2024-12-03T08:15:00Z";
}

void TestReceivedParser::readsTheRoute()
{
    QFETCH(QString, value);
    const ReceivedHop hop = ReceivedParser::parse(value);
    QTEST(hop.fromHelo, "helo");
    QTEST(hop.fromHost, "host");
    QTEST(hop.fromIp, "ip");
    QTEST(hop.byHost, "by");
    QTEST(hop.protocol, "protocol");
    QTEST(hop.id, "id");
    QTEST(hop.forAddress, "forAddress");
    QTEST(hop.hasTime() ? MailDate::toIsoUtc(hop.time) : QString(), "time");
}

void TestReceivedParser::readsTheClientAsEachFamilyWritesIt_data()
{
    // One table row per layout in kFromLayouts (ReceivedParser.cpp). "reverse": what the receiver
    // says about the client's reverse-DNS name: "found", "none" (it looked and found none) or
    // "unsaid" (the field does not tell).
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("helo");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("ip");
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("reverse");
    QTest::addColumn<QString>("layout");

    auto row = [](const char* name, const char* value, const char* helo, const char* host, const char* ip,
                  const char* by, const char* id, const char* time, const char* reverse, const char* layout) {
        QTest::newRow(name) << QString::fromUtf8(value) << QString::fromUtf8(helo) << QString::fromUtf8(host)
                            << QString::fromUtf8(ip) << QString::fromUtf8(by) << QString::fromUtf8(id)
                            << QString::fromUtf8(time) << QString::fromUtf8(reverse)
                            << QString::fromUtf8(layout);
    };

    // ---- Postfix: from HELO (RDNS [IP])
    row("Postfix: HELO name first, the name it looked up in the comment",
        "from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.com (Postfix) with ESMTPS id "
        "4Wq2Xk3Jm2z9sT for <bob@example.com>; Tue, 3 Dec 2024 09:15:02 +0100 (CET)",
        "mail.example.org", "mail.example.org", "192.0.2.10", "mx.example.com", "4Wq2Xk3Jm2z9sT",
        "2024-12-03T08:15:02Z", "found", "from.postfix");
    row("Postfix: unknown in the comment means it found no name, and the HELO name is no substitute",
        "from laptop.example.org (unknown [203.0.113.5]) by mx.example.com (Postfix) with ESMTPSA id "
        "4Y0aBc1234z9sT; Tue, 3 Dec 2024 08:00:00 +0000 (UTC)",
        "laptop.example.org", "", "203.0.113.5", "mx.example.com", "4Y0aBc1234z9sT", "2024-12-03T08:00:00Z",
        "none", "from.postfix");
    row("Postfix: an IPv4-mapped IPv6 literal is the IPv4 address",
        "from relay.example.net (relay.example.net [IPv6:::ffff:198.51.100.20]) by mx.example.com (Postfix) "
        "with ESMTP id 4Y0aBc1235; Tue, 3 Dec 2024 08:00:01 +0000",
        "relay.example.net", "relay.example.net", "198.51.100.20", "mx.example.com", "4Y0aBc1235",
        "2024-12-03T08:00:01Z", "found", "from.postfix");
    row("Postfix: an address-literal HELO name and no reverse DNS",
        "from [10.1.2.3] (unknown [198.51.100.21]) by mx.example.com (Postfix) with ESMTPSA id 4Y0aBc1236; "
        "Tue, 3 Dec 2024 08:00:02 +0000",
        "[10.1.2.3]", "", "198.51.100.21", "mx.example.com", "4Y0aBc1236", "2024-12-03T08:00:02Z", "none",
        "from.postfix");
    row("Postfix 1.x wrote unknown glued to the literal",
        "from 192.0.2.77 (unknown[203.0.113.77]) by mx.example.com (Postfix) with SMTP id 9029AFB732; Tue, 3 "
        "Dec 2024 08:00:03 -0500 (EST)",
        "192.0.2.77", "", "203.0.113.77", "mx.example.com", "9029AFB732", "2024-12-03T13:00:03Z", "none",
        "from.postfix");

    // ---- Sendmail: from HELO (RDNS [IP]), from HELO ([IP]) when none
    row("Sendmail: HELO name, then the looked-up name and the address",
        "from client.example.org (ptr-23.example.net [198.51.100.23]) by mail.example.com (8.17.1/8.17.1) "
        "with "
        "ESMTP id 4B38F0aB012345 for <dave@example.com>; Tue, 3 Dec 2024 03:15:00 -0500",
        "client.example.org", "ptr-23.example.net", "198.51.100.23", "mail.example.com", "4B38F0aB012345",
        "2024-12-03T08:15:00Z", "found", "from.sendmail");
    row("Sendmail: the address alone in the comment means it found no name",
        "from laptop ([198.51.100.25]) by mail.example.com (8.17.1/8.17.1) with ESMTP id 4B38F0aB012347; "
        "Tue, 3 "
        "Dec 2024 03:15:00 -0500",
        "laptop", "", "198.51.100.25", "mail.example.com", "4B38F0aB012347", "2024-12-03T08:15:00Z", "none",
        "from.sendmail");
    row("Sendmail: an ident user before the literal, still no name",
        "from x9Hq2 (mailer@[198.51.100.26]) by mail.example.com (8.15.2/8.15.2) with SMTP id "
        "4B38F0aB012349; "
        "Tue, 3 Dec 2024 08:15:00 +0000",
        "x9Hq2", "", "198.51.100.26", "mail.example.com", "4B38F0aB012349", "2024-12-03T08:15:00Z", "none",
        "from.sendmail");
    row("Sendmail: a possibly forged name is still the name it looked up",
        "from helo.example.org (ppp-7.example.net [198.51.100.24] (may be forged)) (authenticated bits=0) by "
        "mail.example.com (8.17.1/8.17.1) with ESMTPSA id 4B38F0aB01234A; Tue, 3 Dec 2024 03:15:00 -0500",
        "helo.example.org", "ppp-7.example.net", "198.51.100.24", "mail.example.com", "4B38F0aB01234A",
        "2024-12-03T08:15:00Z", "found", "from.sendmail");
    row("Sendmail: (from $_) when the client gave no HELO names the host it looked up",
        "(from gw.example.net [192.0.2.90]) by mail.example.com (8.17.1/8.17.1) with SMTP id 4B38F0aB01234B; "
        "Tue, 3 Dec 2024 08:15:00 +0000",
        "", "gw.example.net", "192.0.2.90", "mail.example.com", "4B38F0aB01234B", "2024-12-03T08:15:00Z",
        "found", "from.sendmail");

    // ---- Exim 4: from RDNS ([IP]:PORT helo=HELO); from [IP] (port=P helo=HELO) when none
    row("Exim 4: the looked-up name first, the HELO name in helo= with the port after the literal",
        "from relay.example.net ([198.51.100.7]:41234 helo=mta.example.net) by mx.example.com with esmtps "
        "(TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97.1) (envelope-from <b@example.net>) id "
        "1rJZfP-00000000Kc8-2l2d; Tue, 03 Dec 2024 08:15:04 +0000",
        "mta.example.net", "relay.example.net", "198.51.100.7", "mx.example.com", "1rJZfP-00000000Kc8-2l2d",
        "2024-12-03T08:15:04Z", "found", "from.exim");
    row("Exim 4: helo= left out when the HELO name equals the looked-up name",
        "from relay.example.net ([198.51.100.9]) by mx.example.com with esmtp (Exim 4.96) id "
        "1tI5xZ-0003aC-3d; "
        "Tue, 03 Dec 2024 08:15:13 +0000",
        "relay.example.net", "relay.example.net", "198.51.100.9", "mx.example.com", "1tI5xZ-0003aC-3d",
        "2024-12-03T08:15:13Z", "found", "from.exim");
    row("Exim 4: the literal first means it found no name",
        "from [203.0.113.9] (port=51234 helo=laptop) by smtp.example.com with esmtpsa (TLS1.3) tls "
        "TLS_AES_256_GCM_SHA384 (Exim 4.96.2) id 1tI5xZ-0003aD-4e; Tue, 03 Dec 2024 08:15:14 +0000",
        "laptop", "", "203.0.113.9", "smtp.example.com", "1tI5xZ-0003aD-4e", "2024-12-03T08:15:14Z", "none",
        "from.exim");
    row("Exim 4: the literal alone, HELO name equal to it or not given",
        "from [203.0.113.10] by mx.example.com with esmtp (Exim 4.96) id 1tI5xZ-0003aQ-1a; Tue, 03 Dec 2024 "
        "08:15:15 +0000",
        "", "", "203.0.113.10", "mx.example.com", "1tI5xZ-0003aQ-1a", "2024-12-03T08:15:15Z", "none",
        "from.exim");
    row("Exim 4: a port after the literal and nothing else",
        "from relay.example.net ([192.0.2.170]:52313) by mx.example.com with esmtps (TLS1.2) tls "
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.96) id 1tI5xZ-0003aR-2b; Tue, 03 Dec 2024 08:15:16 "
        "+0000",
        "relay.example.net", "relay.example.net", "192.0.2.170", "mx.example.com", "1tI5xZ-0003aR-2b",
        "2024-12-03T08:15:16Z", "found", "from.exim");

    // ---- Exim 2/3: from RDNS (HELO) [IP]
    row("Exim 3: the looked-up name, the HELO name in parentheses, the literal after them",
        "from relay.example.net (mta.example.net) [198.51.100.11] by mx.example.com with esmtp (Exim 3.36 #1 "
        "(Debian)) id 18tqiz-000702-00; Tue, 03 Dec 2024 08:15:00 +0000",
        "mta.example.net", "relay.example.net", "198.51.100.11", "mx.example.com", "18tqiz-000702-00",
        "2024-12-03T08:15:00Z", "found", "from.exim");
    row("Exim 3: the client port appended to the literal with a dot",
        "from relay.example.net (mta.example.net) [198.51.100.12.52313] by mx.example.com with esmtp (Exim "
        "3.36 "
        "#1 (Debian)) id 18tqja-000703-00; Tue, 03 Dec 2024 08:15:01 +0000",
        "mta.example.net", "relay.example.net", "198.51.100.12", "mx.example.com", "18tqja-000703-00",
        "2024-12-03T08:15:01Z", "found", "from.exim");
    row("Exim 3: the HELO name left out when equal to the looked-up name",
        "from relay.example.net [198.51.100.13] by mx.example.com with esmtp (Exim 3.35 #1 (Debian)) id "
        "18SWRe-0006X6-00; Tue, 03 Dec 2024 21:15:02 +1300",
        "relay.example.net", "relay.example.net", "198.51.100.13", "mx.example.com", "18SWRe-0006X6-00",
        "2024-12-03T08:15:02Z", "found", "from.exim");

    // ---- qmail, qpsmtpd, IronPort: from RDNS (HELO name) ([ident@]IP)
    row("qmail: an empty HELO name is written as (HELO )",
        "from relay.example.net (HELO ) (198.51.100.44) by mail.example.com with SMTP; 3 Dec 2024 08:15:00 "
        "-0000",
        "", "relay.example.net", "198.51.100.44", "mail.example.com", "", "2024-12-03T08:15:00Z", "found",
        "from.qmail");
    row("qmail: unknown in the from slot means tcpserver found no name",
        "from unknown (HELO mx.example.org) (198.51.100.41) by mail.example.com with SMTP; 3 Dec 2024 "
        "08:15:00 "
        "-0000",
        "mx.example.org", "", "198.51.100.41", "mail.example.com", "", "2024-12-03T08:15:00Z", "none",
        "from.qmail");
    row("qmail: (HELO ...) left out when the HELO name equals the looked-up name",
        "from relay.example.net (198.51.100.43) by mail.example.com with SMTP; 3 Dec 2024 08:15:00 -0000",
        "relay.example.net", "relay.example.net", "198.51.100.43", "mail.example.com", "",
        "2024-12-03T08:15:00Z", "found", "from.qmail");
    row("qmail, known by its date form: tcpserver's single-label name is still the looked-up name",
        "from localhost (127.0.0.1) by mail.example.com with SMTP; 3 Dec 2024 08:15:00 -0000", "localhost",
        "localhost", "127.0.0.1", "mail.example.com", "", "2024-12-03T08:15:00Z", "found", "from.qmail");
    row("qmail-ldap brackets the address after the ident user",
        "from unknown (HELO ws.example.org) (jdoe@[198.51.100.45]) (envelope-sender <jdoe@example.org>) by "
        "mail.example.com (qmail-ldap-1.03) with SMTP for <a@example.com>; 3 Dec 2024 08:15:00 -0000",
        "ws.example.org", "", "198.51.100.45", "mail.example.com", "", "2024-12-03T08:15:00Z", "none",
        "from.qmail");
    row("qpsmtpd: a literal EHLO name, the address in its own comment",
        "from dsl-7.example.net (EHLO [192.168.1.20]) (198.51.100.46) by mx.example.com (qpsmtpd/0.96) with "
        "ESMTPSA; Tue, 03 Dec 2024 08:15:00 +0000",
        "[192.168.1.20]", "dsl-7.example.net", "198.51.100.46", "mx.example.com", "", "2024-12-03T08:15:00Z",
        "found", "from.qmail");
    row("IronPort writes the qmail layout with the address in brackets",
        "from unknown (HELO mail.example.org) ([198.51.100.47]) by esa1.example.com with ESMTP; 03 Dec 2024 "
        "08:15:00 +0000",
        "mail.example.org", "", "198.51.100.47", "esa1.example.com", "", "2024-12-03T08:15:00Z", "none",
        "from.qmail");

    // ---- Courier: from HELO (RDNS [::ffff:IP])
    row("Courier: the looked-up name before an IPv4-mapped IPv6 literal",
        "from helo.example.org (mail.example.org [::ffff:192.0.2.61]) by mx.example.com with ESMTP; Tue, 03 "
        "Dec "
        "2024 08:15:00 +0000 id 00000000001A2B3C.00000000674EBD54.00001F2E",
        "helo.example.org", "mail.example.org", "192.0.2.61", "mx.example.com",
        "00000000001A2B3C.00000000674EBD54.00001F2E", "2024-12-03T08:15:00Z", "found", "from.generic");
    row("Courier: softdnserr where the lookup failed is no host name",
        "from helo.example.org (softdnserr [::ffff:192.0.2.62]) by mx.example.com with ESMTP (courier "
        "1.1.9); "
        "Tue, 03 Dec 2024 08:15:00 +0000",
        "helo.example.org", "", "192.0.2.62", "mx.example.com", "", "2024-12-03T08:15:00Z", "none",
        "from.courier");

    // ---- CommuniGate Pro
    row("CommuniGate: verified means the name was checked in DNS; the HELO name equals it",
        "from relay.example.net ([198.51.100.50] verified) by mail.example.com (CommuniGate Pro SMTP 6.3.2) "
        "with "
        "ESMTP id 5026666 for ken@example.com; Tue, 03 Dec 2024 09:15:05 +0100",
        "relay.example.net", "relay.example.net", "198.51.100.50", "mail.example.com", "5026666",
        "2024-12-03T08:15:05Z", "found", "from.communigate");
    row("CommuniGate: a logged-in account with its HELO name",
        "from [192.168.0.5] (account jane@example.com HELO laptop.example.com) by mail.example.com "
        "(CommuniGate "
        "Pro SMTP 6.3.2) with ESMTPA id 5026667; Tue, 03 Dec 2024 09:15:06 +0100",
        "laptop.example.com", "", "192.168.0.5", "mail.example.com", "5026667", "2024-12-03T08:15:06Z",
        "unsaid", "from.communigate");
    row("CommuniGate: without verified the name is only what the client said",
        "from helo.example.org ([198.51.100.51]) by mail.example.com (CommuniGate Pro SMTP 6.3.2) with ESMTP "
        "id "
        "5026668; Tue, 03 Dec 2024 09:15:07 +0100",
        "helo.example.org", "", "198.51.100.51", "mail.example.com", "5026668", "2024-12-03T08:15:07Z",
        "unsaid", "from.communigate");

    // ---- Critical Path / InterMail
    row("Critical Path Messaging Server: the looked-up name before the bare address",
        "from dsl-198-51-100-60.example.net (198.51.100.60) by mta3.example.com (6.7.018) with ESMTP id "
        "3F1A2B3C0012ABCD for <x@example.com>; Tue, 3 Dec 2024 08:15:00 +0000",
        "dsl-198-51-100-60.example.net", "dsl-198-51-100-60.example.net", "198.51.100.60", "mta3.example.com",
        "3F1A2B3C0012ABCD", "2024-12-03T08:15:00Z", "found", "from.criticalpath");
    row("InterMail: a literal HELO name and the real address after really",
        "from [192.168.1.100] (really [198.51.100.61]) by mta1.example.net (InterMail vM.8.04.03.22 "
        "201-2389-100-172-20151028) with ESMTP id <20241203081500.ABCD1234@mta1.example.net> for "
        "<x@example.com>; Tue, 3 Dec 2024 08:15:00 +0000",
        "[192.168.1.100]", "", "198.51.100.61", "mta1.example.net",
        "20241203081500.ABCD1234@mta1.example.net", "2024-12-03T08:15:00Z", "unsaid", "from.intermail");
    row("InterMail: the HELO name before the literal",
        "from mail.example.org ([198.51.100.62]) by mta1.example.net (InterMail vM.8.04.03.22 "
        "201-2389-100-172-20151028) with ESMTP id <20241203081501.ABCD1235@mta1.example.net>; Tue, 3 Dec "
        "2024 "
        "08:15:01 +0000",
        "mail.example.org", "", "198.51.100.62", "mta1.example.net",
        "20241203081501.ABCD1235@mta1.example.net", "2024-12-03T08:15:01Z", "unsaid", "from.intermail");

    // ---- Microsoft: from HELO (IP), no reverse DNS
    row("Exchange: the HELO name and the address, no looked-up name",
        "from EX01.corp.example.com (10.0.0.12) by EX02.corp.example.com (10.0.0.13) with Microsoft SMTP "
        "Server "
        "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Tue, 3 Dec 2024 "
        "08:15:00 +0000",
        "EX01.corp.example.com", "", "10.0.0.12", "EX02.corp.example.com", "15.2.1544.4",
        "2024-12-03T08:15:00Z", "unsaid", "from.exchange");
    row("Exchange 2010 writes the id before the version",
        "from mx9.example.net (192.0.2.229) by mx8.example.net (192.0.2.228) with Microsoft SMTP Server id "
        "14.3.498.0; Tue, 3 Dec 2024 08:15:01 +0000",
        "mx9.example.net", "", "192.0.2.229", "mx8.example.net", "14.3.498.0", "2024-12-03T08:15:01Z",
        "unsaid", "from.exchange");
    row("IIS SMTPSVC: RDNS failed after the literal",
        "from 0 ([203.0.113.40] RDNS failed) by mail.example.com with Microsoft SMTPSVC(6.0.3790.4675); Tue, "
        "3 "
        "Dec 2024 00:15:00 -0800",
        "0", "", "203.0.113.40", "mail.example.com", "", "2024-12-03T08:15:00Z", "none", "from.exchange");
    row("IIS SMTPSVC: unverified after the literal",
        "from laptop ([203.0.113.41] unverified) by mail.example.com with Microsoft SMTPSVC(6.0.3790.4675); "
        "Tue, "
        "3 Dec 2024 00:15:01 -0800",
        "laptop", "", "203.0.113.41", "mail.example.com", "", "2024-12-03T08:15:01Z", "none",
        "from.exchange");
    row("Microsoft 365: the frontend names the sender's HELO name",
        "from NAM12-BN8-obe.outbound.protection.example.com (198.51.100.70) by "
        "BN8NAM12FT011.mail.protection.example.com (10.13.182.120) with Microsoft SMTP Server "
        "(version=TLS1_2, "
        "cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8230.7 via Frontend Transport; Tue, 3 Dec "
        "2024 "
        "08:15:05 +0000",
        "NAM12-BN8-obe.outbound.protection.example.com", "", "198.51.100.70",
        "BN8NAM12FT011.mail.protection.example.com", "15.20.8230.7", "2024-12-03T08:15:05Z", "unsaid",
        "from.microsoft365");
    row("Microsoft 365: an internal hop with HTTPS via a server",
        "from SA1PR12MB1234.namprd12.prod.example.com (2001:db8:806:3d::12) by "
        "SN7PR12MB5678.namprd12.prod.example.com with HTTPS via SN7PR04CA0123.NAMPRD04.PROD.EXAMPLE.COM; "
        "Tue, 3 "
        "Dec 2024 08:15:06 +0000",
        "SA1PR12MB1234.namprd12.prod.example.com", "", "2001:db8:806:3d::12",
        "SN7PR12MB5678.namprd12.prod.example.com", "", "2024-12-03T08:15:06Z", "unsaid", "from.microsoft365");

    // ---- MDaemon
    row("MDaemon: the HELO name before a parenthesised address in brackets",
        "from smtp5.example.de [(198.51.100.80)] by mail.example.de (198.51.100.81) (MDaemon PRO v19.0.2) "
        "with "
        "ESMTP id md50018233933.msg; Tue, 03 Dec 2024 09:15:00 +0100",
        "smtp5.example.de", "", "198.51.100.80", "mail.example.de", "md50018233933.msg",
        "2024-12-03T08:15:00Z", "unsaid", "from.mdaemon");
    row("MDaemon: later releases write the Postfix layout",
        "from mail.example.org (unknown [198.51.100.82]) by mx.example.com (MDaemon PRO v23.5.1) with ESMTPS "
        "id "
        "md5001234568.msg; Tue, 03 Dec 2024 09:15:01 +0100",
        "mail.example.org", "", "198.51.100.82", "mx.example.com", "md5001234568.msg", "2024-12-03T08:15:01Z",
        "none", "from.mdaemon");

    // ---- Domino
    row("Domino never records a looked-up name",
        "from relay.example.org ([198.51.100.90]) by notes.example.com (HCL Domino Release 12.0.2) with "
        "ESMTP id "
        "2024120309150034-5678 ; Tue, 3 Dec 2024 09:15:00 +0100",
        "relay.example.org", "", "198.51.100.90", "notes.example.com", "2024120309150034-5678",
        "2024-12-03T08:15:00Z", "unsaid", "from.domino");

    // ---- Yahoo
    row("Yahoo: an internal address in the reverse-DNS slot is no name",
        "from 127.0.0.1 (EHLO out.example.org) (198.51.100.87) by mta2001.mail.gq1.yahoo.example.com with "
        "SMTPS; "
        "Tue, 03 Dec 2024 08:15:07 +0000",
        "out.example.org", "", "198.51.100.87", "mta2001.mail.gq1.yahoo.example.com", "",
        "2024-12-03T08:15:07Z", "unsaid", "from.yahoo");
    row("Yahoo webmail: the literal alone via HTTP",
        "from [203.0.113.86] by web123.mail.yahoo.example.com via HTTP; Tue, 03 Dec 2024 08:15:08 +0000", "",
        "", "203.0.113.86", "web123.mail.yahoo.example.com", "", "2024-12-03T08:15:08Z", "unsaid",
        "from.yahoo");
    row("Yahoo: a logged-in client's HELO name before user@address with login",
        "from laptop (jdoe@203.0.113.85 with login) by smtp101.mail.yahoo.example.com with SMTP; 03 Dec 2024 "
        "00:15:07 -0800 PST",
        "laptop", "", "203.0.113.85", "smtp101.mail.yahoo.example.com", "", "2024-12-03T08:15:07Z", "unsaid",
        "from.yahoo");

    // ---- Gmail
    row("Gmail: the looked-up name with a trailing dot",
        "from mail-sor-f41.example.com (mail-sor-f41.example.com. [198.51.100.141]) by mx.google.com with "
        "SMTPS "
        "id a1b2c3d4e5.13.2024.12.03.00.15.06; Tue, 03 Dec 2024 00:15:06 -0800 (PST)",
        "mail-sor-f41.example.com", "mail-sor-f41.example.com", "198.51.100.141", "mx.google.com",
        "a1b2c3d4e5.13.2024.12.03.00.15.06", "2024-12-03T08:15:06Z", "found", "from.gmail");
    row("Gmail: the address alone in the comment means it found no name",
        "from smtpclient.example ([2001:db8:1f::7]) by smtp.gmail.com with ESMTPSA id "
        "d2e1a72fcca58-725a1b2c3d4sm123456b3a.12.2024.12.03.00.15.05 (version=TLS1_3 "
        "cipher=TLS_AES_128_GCM_SHA256 bits=128/128); Tue, 03 Dec 2024 00:15:05 -0800 (PST)",
        "smtpclient.example", "", "2001:db8:1f::7", "smtp.gmail.com",
        "d2e1a72fcca58-725a1b2c3d4sm123456b3a.12.2024.12.03.00.15.05", "2024-12-03T08:15:05Z", "none",
        "from.gmail");

    // ---- Bulk and other named servers
    row("PowerMTA writes the HELO name",
        "from localhost (10.0.0.21) by mta1.example.net (PowerMTA(TM) v5.0r3) id h1a2b3c4d5e6 for "
        "<kate@example.com>; Tue, 3 Dec 2024 03:15:09 -0500",
        "localhost", "", "10.0.0.21", "mta1.example.net", "h1a2b3c4d5e6", "2024-12-03T08:15:09Z", "unsaid",
        "from.powermta");
    row("XMail writes the HELO name and the address with the port",
        "from list.example.net (192.0.2.86:23198) by mx1.example.com with [XMail 1.27 ESMTP Server] id "
        "<S72F>; "
        "Tue, 3 Dec 2024 02:15:54 -0600",
        "list.example.net", "", "192.0.2.86", "mx1.example.com", "S72F", "2024-12-03T08:15:54Z", "unsaid",
        "from.xmail");
    row("Ecelerity: a literal first, the HELO name in helo=",
        "from [192.0.2.140] ([192.0.2.140]:41230 helo=mail.example.org) by mta.example.com (envelope-from "
        "<b@example.org>) (ecelerity 4.2.38.62370 r(:)) with ESMTPS id 7A/2B-12345-ABCDEF01; Tue, 03 Dec "
        "2024 "
        "08:15:00 +0000",
        "mail.example.org", "", "192.0.2.140", "mta.example.com", "7A/2B-12345-ABCDEF01",
        "2024-12-03T08:15:00Z", "unsaid", "from.ecelerity");
    row("amavisd-new names the HELO name of the MTA handing over",
        "from mx.example.com ([127.0.0.1]) by localhost (mx.example.com [127.0.0.1]) (amavisd-new, port "
        "10024) "
        "with ESMTP id hmLco6-KOBcSi-LF for <oscar@example.com>; Tue,  3 Dec 2024 09:15:12 +0100 (CET)",
        "mx.example.com", "", "127.0.0.1", "localhost", "hmLco6-KOBcSi-LF", "2024-12-03T08:15:12Z", "unsaid",
        "from.amavis");
    row("Clearswift writes unverified where it found no name",
        "from mail.example.org (unverified [198.51.100.190]) by mailsweeper.example.com (Clearswift SMTPRS "
        "5.1.7) with ESMTP id <T78926b35f2c0a80003da8@mailsweeper.example.com> for <a@example.com>; Tue, 3 "
        "Dec "
        "2024 08:15:00 +0000",
        "mail.example.org", "", "198.51.100.190", "mailsweeper.example.com",
        "T78926b35f2c0a80003da8@mailsweeper.example.com", "2024-12-03T08:15:00Z", "none", "from.generic");

    // ---- smap, Obtuse smtpd, ZMailer: the from slot is the looked-up name
    row("smap writes the looked-up name glued to the address",
        "from gw.example.net(192.0.2.120) by fw.example.com via smap (V2.1) id xma012345; Tue, 3 Dec 2024 "
        "02:15:00 -0600",
        "", "gw.example.net", "192.0.2.120", "fw.example.com", "xma012345", "2024-12-03T08:15:00Z", "found",
        "from.smap");
    row("smap set up not to look up writes nodnsquery",
        "from nodnsquery(192.0.2.121) by fw.example.com via csmap (V4.1) id srcAAAyHayw1; Tue, 3 Dec 2024 "
        "03:15:00 -0500",
        "", "", "192.0.2.121", "fw.example.com", "srcAAAyHayw1", "2024-12-03T08:15:00Z", "unsaid",
        "from.smap");
    row("Obtuse smtpd writes the HELO name after claiming to be",
        "from dsl-9.example.net(198.51.100.122), claiming to be \"laptop.example.org\" via SMTP by "
        "mx.example.com, id smtpdAAAa1B2c3; Tue, 3 Dec 2024 08:15:00 +0000",
        "laptop.example.org", "dsl-9.example.net", "198.51.100.122", "mx.example.com", "smtpdAAAa1B2c3",
        "2024-12-03T08:15:00Z", "found", "from.smap");
    row("ZMailer quotes the EHLO name after the literal and port",
        "from relay.example.net ([198.51.100.130]:52870 \"EHLO mta.example.net\" rhost-flags-OK-OK-OK-OK) by "
        "mx.example.com with ESMTP id S23992437AbdJDN4A (ORCPT <rfc822;list@example.com>); Tue, 3 Dec 2024 "
        "09:15:00 +0100",
        "mta.example.net", "relay.example.net", "198.51.100.130", "mx.example.com", "S23992437AbdJDN4A",
        "2024-12-03T08:15:00Z", "found", "from.zmailer");

    // ---- The generic fallback
    row("an unknown MTA's NAME (IP) is the looked-up name (the qmail layout commercial MTAs copy)",
        "from dsl-203-0-113-60.example.net (203.0.113.60) by gw.example.com with ESMTP id 3A2B1C; Tue, 3 Dec "
        "2024 "
        "08:15:00 +0000",
        "dsl-203-0-113-60.example.net", "dsl-203-0-113-60.example.net", "203.0.113.60", "gw.example.com",
        "3A2B1C", "2024-12-03T08:15:00Z", "found", "from.generic");
    row("an unknown MTA's single label before the address is what the client said",
        "from DPLAPTOP ( 198.51.100.200) by mail.example.com (Scalix SMTP Relay 11.4.6.12) via ESMTP; Tue, 3 "
        "Dec "
        "2024 02:15:00 -0600",
        "DPLAPTOP", "", "198.51.100.200", "mail.example.com", "", "2024-12-03T08:15:00Z", "unsaid",
        "from.generic");
    row("an unknown MTA's NAME ([IP]) is Sendmail's layout: NAME is the HELO name",
        "from laptop.example.org ([203.0.113.61]) by gw.example.com with ESMTP id 3A2B1D; Tue, 3 Dec 2024 "
        "08:15:01 +0000",
        "laptop.example.org", "", "203.0.113.61", "gw.example.com", "3A2B1D", "2024-12-03T08:15:01Z",
        "unsaid", "from.generic");
    row("unknown before the bare address is no name at all",
        "from unknown (198.51.100.180) by gw.example.com with SMTP; Tue, 3 Dec 2024 08:15:02 +0000", "", "",
        "198.51.100.180", "gw.example.com", "", "2024-12-03T08:15:02Z", "none", "from.generic");
    row("a literal alone is the client's address, not a HELO name",
        "from [203.0.113.62] by gw.example.com with SMTP; Tue, 3 Dec 2024 08:15:03 +0000", "", "",
        "203.0.113.62", "gw.example.com", "", "2024-12-03T08:15:03Z", "unsaid", "from.generic");
    row("a literal followed by the address in a comment is the EHLO argument",
        "from [192.168.1.23] ([203.0.113.64]) by gw.example.com with ESMTPSA id 3A2B1E; Tue, 3 Dec 2024 "
        "08:15:04 "
        "+0000",
        "[192.168.1.23]", "", "203.0.113.64", "gw.example.com", "3A2B1E", "2024-12-03T08:15:04Z", "unsaid",
        "from.generic");
    row("HTTP has no HELO: an address in the from slot of a webmail hop is the client's",
        "from 203.0.113.63 ([203.0.113.63]) by webmail.example.com (Horde) with HTTP for <a@example.com>; "
        "Tue, 3 "
        "Dec 2024 08:15:05 +0000",
        "", "", "203.0.113.63", "webmail.example.com", "", "2024-12-03T08:15:05Z", "unsaid", "from.generic");
    row("a mail address after by is not the receiving host",
        "from relay.example.net (relay.example.net [192.0.2.180]) by <postmaster@example.com> with SMTP id "
        "7F3A; "
        "Tue, 3 Dec 2024 08:15:06 +0000",
        "relay.example.net", "relay.example.net", "192.0.2.180", "", "7F3A", "2024-12-03T08:15:06Z", "found",
        "from.generic");
}

void TestReceivedParser::readsTheClientAsEachFamilyWritesIt()
{
    QFETCH(QString, value);
    const ReceivedHop hop = ReceivedParser::parse(value);
    QTEST(hop.fromHelo, "helo");
    QTEST(hop.fromHost, "host");
    QTEST(hop.fromIp, "ip");
    QTEST(hop.byHost, "by");
    QTEST(hop.id, "id");
    QTEST(hop.hasTime() ? MailDate::toIsoUtc(hop.time) : QString(), "time");
    const QString reverse = hop.reverseDns == ReceivedHop::ReverseDns::Found       ? QStringLiteral("found")
                            : hop.reverseDns == ReceivedHop::ReverseDns::NoneFound ? QStringLiteral("none")
                                                                                   : QStringLiteral("unsaid");
    QTEST(reverse, "reverse");
    QTEST(hop.fromLayout, "layout");
}

void TestReceivedParser::readsWhatTheCommentsSay_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("tls"); // "yes", "no" or "unsaid"
    QTest::addColumn<QString>("tlsVersion");
    QTest::addColumn<QString>("tlsCipher");
    QTest::addColumn<bool>("authenticated");
    QTest::addColumn<QString>("authenticatedSender");
    QTest::addColumn<QString>("envelopeFrom");
    QTest::addColumn<QString>("software");

    QTest::newRow("Postfix's using ... with cipher comment gives version and cipher")
        << dated("from a.example.org (a.example.org [192.0.2.1]) (using TLSv1.3 with cipher "
                 "TLS_AES_256_GCM_SHA384 "
                 "(256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest "
                 "SHA256) (No "
                 "client certificate requested) by mx.example.com (Postfix) with ESMTPS id 1")
        << "yes"
        << "TLSv1.3"
        << "TLS_AES_256_GCM_SHA384" << false << ""
        << ""
        << "Postfix";
    QTest::newRow("qmail's TLS patch writes its cipher before the protocol")
        << dated("from unknown (HELO mx.example.org) (198.51.100.9) by mail.example.com with "
                 "(ECDHE-RSA-AES256-GCM-SHA384 encrypted) SMTP")
        << "yes"
        << ""
        << "ECDHE-RSA-AES256-GCM-SHA384" << false << ""
        << ""
        << "";
    QTest::newRow("Postfix names the authenticated sender")
        << dated("from [192.0.2.20] (dsl.example.net [192.0.2.20]) (Authenticated sender: carol@example.org) "
                 "by "
                 "mx2.example.org (Postfix) with ESMTPSA id 9B8C7D")
        << "yes"
        << ""
        << "" << true << "carol@example.org"
        << ""
        << "Postfix";
    QTest::newRow("a plain ESMTP hop from an RFC 3848 server says there was no TLS")
        << dated("from a.example.org (a.example.org [192.0.2.1]) by mx.example.com (Postfix) with ESMTP id 1")
        << "no"
        << ""
        << "" << false << ""
        << ""
        << "Postfix";
    QTest::newRow("Exim 4.92 and later write the version in a comment and the cipher after tls")
        << dated(
               "from r.example.net ([198.51.100.7] helo=m.example.net) by mx.example.com with esmtps "
               "(TLS1.3) tls "
               "TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <bounce@example.net>) id 1tI5xY-0003aB-2c")
        << "yes"
        << "TLS1.3"
        << "TLS_AES_256_GCM_SHA384" << false << ""
        << "bounce@example.net"
        << "Exim 4.96";
    QTest::newRow("older Exim writes version, cipher and bits joined by colons")
        << dated("from r.example.net ([198.51.100.7]) by mx.example.com with esmtps "
                 "(TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128) (Exim 4.92) id 1hAbCd-0001Xy-Zz")
        << "yes"
        << "TLS1.2"
        << "ECDHE_RSA_AES_128_GCM_SHA256" << false << ""
        << ""
        << "Exim 4.92";
    QTest::newRow("Exim 3 writes Cipher before the colon form")
        << dated("from r.example.net ([198.51.100.7]) by mx.example.com with esmtp (Cipher "
                 "TLSv1:DES-CBC3-SHA:168) "
                 "(Exim 3.36 #1) id 18lyuU-0007TI-00")
        << "yes"
        << "TLSv1"
        << "DES-CBC3-SHA" << false << ""
        << ""
        << "Exim 3.36 #1";
    QTest::newRow("Exim writes the null sender of a bounce as an empty envelope-from")
        << dated("from r.example.net ([198.51.100.9]) by mx.example.com with esmtp (Exim 4.96) "
                 "(envelope-from <>) id "
                 "1tI5xZ-0003aC-3d")
        << "no"
        << ""
        << "" << false << ""
        << "<>"
        << "Exim 4.96";
    QTest::newRow("Exim's esmtpa says the client authenticated")
        << dated("from [203.0.113.9] (helo=laptop) by smtp.example.com with esmtpa (Exim 4.96) id "
                 "1tI5xZ-0003aD-4e")
        << "no"
        << ""
        << "" << true << ""
        << ""
        << "Exim 4.96";
    QTest::newRow("Sendmail writes version= and cipher= and an authenticated comment")
        << dated("from l.example.net (dsl-5.example.net [203.0.113.77]) (authenticated bits=0) by "
                 "mail.example.com "
                 "(8.17.1/8.17.1) with ESMTPSA id 4B38F0aC012345 (version=TLSv1.3 "
                 "cipher=TLS_AES_256_GCM_SHA384 "
                 "bits=256 verify=NO) for <erin@example.com>")
        << "yes"
        << "TLSv1.3"
        << "TLS_AES_256_GCM_SHA384" << true << ""
        << ""
        << "Sendmail 8.17.1";
    QTest::newRow("Microsoft writes version and cipher separated by a comma")
        << dated(
               "from a.example.com (2001:db8::12) by b.example.com (2001:db8::19) with Microsoft SMTP Server "
               "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.18")
        << "yes"
        << "TLS1_2"
        << "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" << false << ""
        << ""
        << "Microsoft SMTP Server";
    QTest::newRow("Microsoft's bare (TLS) comment says TLS without details")
        << dated("from a.example.com (2001:db8::12) by b.example.com (2001:db8::19) with Microsoft SMTP "
                 "Server (TLS) id "
                 "15.0.1104.5")
        << "yes"
        << ""
        << "" << false << ""
        << ""
        << "Microsoft SMTP Server";
    QTest::newRow("Microsoft without a TLS comment does not say")
        << dated("from a.example.com (192.0.2.5) by b.example.com (192.0.2.6) with Microsoft SMTP Server id "
                 "15.1.2507.23")
        << "unsaid"
        << ""
        << "" << false << ""
        << ""
        << "Microsoft SMTP Server";
    QTest::newRow("IIS says over TLS secured channel")
        << dated("from BLU0-SMTP12 ([203.0.113.33]) by b.example.com over TLS secured channel with Microsoft "
                 "SMTPSVC(7.5.7601.23008)")
        << "yes"
        << ""
        << "" << false << ""
        << ""
        << "Microsoft SMTPSVC";
    QTest::newRow("Courier's AUTH comment carries the user and the TLS details")
        << dated(
               "from m.example.org (m.example.org [::ffff:192.0.2.61]) (AUTH: LOGIN frank@example.org, TLS: "
               "TLSv1.3,256bits,TLS_AES_256_GCM_SHA384) by mx.example.com with ESMTPSA")
        << "yes"
        << "TLSv1.3"
        << "TLS_AES_256_GCM_SHA384" << true << "frank@example.org"
        << ""
        << "";
    QTest::newRow("Mimecast's (Using TLS) comment means TLS")
        << dated("from m.example.com (m.example.com [192.0.2.1]) (Using TLS) by relay.mimecast.example.com "
                 "with "
                 "ESMTP id us-mta-12-AbCdEf")
        << "yes"
        << ""
        << "" << false << ""
        << ""
        << "";
    QTest::newRow("Gmail's Google Transport Security comment means TLS")
        << dated("from m.example.com (m.example.com. [209.85.220.41]) by mx.google.com with SMTPS id a6 for "
                 "<g@example.com> (Google Transport Security)")
        << "yes"
        << ""
        << "" << false << ""
        << ""
        << "";
    QTest::newRow("OpenSMTPD writes version, cipher, bits and verification joined by colons")
        << dated("from m.example.org (m.example.org [192.0.2.31]) by mx.example.com (OpenSMTPD) with ESMTPS "
                 "id 5db34e0e "
                 "(TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO) for <leo@example.com>")
        << "yes"
        << "TLSv1.3"
        << "TLS_AES_256_GCM_SHA384" << false << ""
        << ""
        << "OpenSMTPD";
    QTest::newRow("Haraka writes the sender, authentication and TLS after the id")
        << dated("from m.example.org (m.example.org [192.0.2.32]) by mx.example.com (Haraka/3.0.3) with "
                 "ESMTPS id "
                 "4F1C2D3E.1 envelope-from <mia@example.org> (authenticated bits=0) (version=TLSv1.3 "
                 "cipher=TLS_AES_256_GCM_SHA384 verify=NO)")
        << "yes"
        << "TLSv1.3"
        << "TLS_AES_256_GCM_SHA384" << true << ""
        << "mia@example.org"
        << "Haraka/3.0.3";
    QTest::newRow("a cipher glued to the protocol word")
        << dated("from unknown (HELO mp1.example.de) () by p01.mail.example.de with "
                 "ESMTP/TLS/DHE-RSA-AES256-GCM-SHA384")
        << "yes"
        << ""
        << "DHE-RSA-AES256-GCM-SHA384" << false << ""
        << ""
        << "";
    QTest::newRow("MessageLabs names the cipher before encrypted SMTP")
        << dated("from [192.0.2.14] ([192.0.2.14]) by server-7.example.com with AES256-GCM-SHA384 encrypted "
                 "SMTP")
        << "yes"
        << ""
        << "AES256-GCM-SHA384" << false << ""
        << ""
        << "";
    QTest::newRow("PowerMTA's envelope sender stands after the date")
        << dated("from localhost (10.0.0.21) by mta1.example.net (PowerMTA(TM) v5.0r3) id h1a2b3c4d5e6") +
               QStringLiteral(" (envelope-from <bounce-123@example.net>)")
        << "unsaid"
        << ""
        << "" << false << ""
        << "bounce-123@example.net"
        << "PowerMTA(TM) v5.0r3";
    QTest::newRow("CommuniGate Pro's verified account is an authenticated sender")
        << dated("from [192.0.2.30] (account jane@example.org [192.0.2.30] verified) by mail.example.org "
                 "(CommuniGate "
                 "Pro SMTP 6.3.2) with ESMTP-TLS id 5026665")
        << "yes"
        << ""
        << "" << true << "jane@example.org"
        << ""
        << "CommuniGate Pro SMTP 6.3.2";
    QTest::newRow("Yahoo's with login says the user authenticated")
        << dated("from laptop (jdoe@203.0.113.85 with login) by smtp101.mail.example.com with SMTP") << "no"
        << ""
        << "" << true << ""
        << ""
        << "";
    QTest::newRow("SquirrelMail names the authenticated user")
        << dated("from 198.51.100.77 (SquirrelMail authenticated user sue) by webmail.example.com with HTTP")
        << "unsaid"
        << ""
        << "" << true << "sue"
        << ""
        << "";
    QTest::newRow("qmail-scanner writes envelope-sender")
        << dated("from mail.example.org (HELO mx1) (192.0.2.44) by mail.example.com (envelope-sender "
                 "<vic@example.org>) with SMTP")
        << "no"
        << ""
        << "" << false << ""
        << "vic@example.org"
        << "";
    QTest::newRow("qmail's own comment names qmail") << dated("(qmail 12345 invoked by uid 89)") << "unsaid"
                                                     << ""
                                                     << "" << false << ""
                                                     << ""
                                                     << "qmail";
    QTest::newRow("IBM z/OS names itself after the protocol")
        << dated(
               "from N7.EXAMPLE.COM (N7) by MVS1.EXAMPLE.COM (MVS1 ) for <OPER@N7> with ESMTP (IBM MVS z/OS "
               "V02R05.00) Id MVS1.1@EXAMPLE.COM")
        << "no"
        << ""
        << "" << false << ""
        << ""
        << "IBM MVS z/OS V02R05.00";
    QTest::newRow("XMail names itself inside the brackets after with")
        << dated("from l.example.net (192.0.2.86:23198) by mx1.example.com with [XMail 1.27 ESMTP Server] id "
                 "<S72E>")
        << "no"
        << ""
        << "" << false << ""
        << ""
        << "XMail 1.27 ESMTP Server";
    QTest::newRow("SendGrid is named by its (SG) comment")
        << dated("from MjA3NDc4Mg (unknown) by geopod-ismtpd-1 (SG) with HTTP id 4Qm3xYzTQ1u") << "unsaid"
        << ""
        << "" << false << ""
        << ""
        << "SendGrid";
    QTest::newRow("a comment that says not authenticated is not taken as authentication")
        << dated("from a.example.org (a.example.org [192.0.2.1]) (not authenticated) by mx.example.com with "
                 "SMTP")
        << "no"
        << ""
        << "" << false << ""
        << ""
        << "";
}

void TestReceivedParser::readsWhatTheCommentsSay()
{
    QFETCH(QString, value);
    QFETCH(QString, tls);
    const ReceivedHop hop = ReceivedParser::parse(value);
    const QString tlsSaid = !hop.tls.has_value() ? QStringLiteral("unsaid")
                            : *hop.tls           ? QStringLiteral("yes")
                                                 : QStringLiteral("no");
    QCOMPARE(tlsSaid, tls);
    QTEST(hop.tlsVersion, "tlsVersion");
    QTEST(hop.tlsCipher, "tlsCipher");
    QTEST(hop.authenticated, "authenticated");
    QTEST(hop.authenticatedSender, "authenticatedSender");
    QTEST(hop.envelopeFrom, "envelopeFrom");
    QTEST(hop.software, "software");
    QVERIFY2(hop.hasTime(), "the date after the last ';' is read");
}

void TestReceivedParser::namesTheUser_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("ident");
    QTest::newRow("Exim local SMTP names the login before the helo= comment")
        << dated("from alice (helo=ws.example.com) by mail.example.com with local-esmtp (Exim 4.96) id "
                 "1tI5y0-0003aF-6g")
        << "alice";
    QTest::newRow("Exim local delivery names the login alone")
        << dated("from www-data by web.example.com with local (Exim 4.96) id 1tI5y0-0003aG-7h") << "www-data";
    QTest::newRow("Exim writes an RFC 1413 ident as ident=")
        << dated(
               "from r.example.net ([198.51.100.7] ident=mailer) by mx.example.com with esmtp (Exim 4.96) id "
               "1tI5xY-0003aB-2c")
        << "mailer";
    QTest::newRow("Sendmail writes IDENT:user@ before the reverse-DNS name")
        << dated("from m.example.org (IDENT:mailer@gw.example.org [192.0.2.77]) by mail.example.com "
                 "(8.12.11/8.12.11) "
                 "with SMTP id h1AB2cD3")
        << "mailer";
    QTest::newRow("qmail writes the remote user before the address")
        << dated("from m.example.org (mailer@198.51.100.42) by mail.example.com with ESMTPA") << "mailer";
    QTest::newRow("Postfix pickup names the local user id")
        << dated("by mx.example.com (Postfix, from userid 1000) id 3C4D5E6F7A") << "uid 1000";
    QTest::newRow("a relay from the network names no user")
        << dated("from m.example.org (m.example.org [192.0.2.10]) by mx.example.com (Postfix) with ESMTPS id "
                 "4W")
        << "";
}

void TestReceivedParser::namesTheUser()
{
    QFETCH(QString, value);
    QTEST(ReceivedParser::parse(value).ident, "ident");
}

void TestReceivedParser::survivesBadInput_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("time");
    QTest::addColumn<bool>("warned");

    QTest::newRow("an empty field") << QString() << ""
                                    << "" << true;
    QTest::newRow("a field of spaces and folding") << QStringLiteral(" \r\n\t ") << ""
                                                   << "" << true;
    QTest::newRow("only a date after a semicolon") << QStringLiteral("; Tue, 3 Dec 2024 08:15:00 +0000") << ""
                                                   << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("only a date without a semicolon") << QStringLiteral("Tue, 3 Dec 2024 08:15:00 +0000") << ""
                                                     << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("a date without a time and without a semicolon is not taken for a date")
        << QStringLiteral("22 Apr 2018") << ""
        << "" << true;
    QTest::newRow("no date at all") << QStringLiteral("from a.example.org by b.example.com with ESMTP id X1")
                                    << "b.example.com"
                                    << "" << true;
    QTest::newRow("a date that cannot be read")
        << QStringLiteral("from a.example.org by b.example.com; yesterday afternoon") << "b.example.com"
        << "" << true;
    QTest::newRow("an impossible hour")
        << QStringLiteral("from a.example.org by b.example.com; Mon, 29 Jul 2013 25:12:46 +0900")
        << "b.example.com"
        << "" << true;
    QTest::newRow("garbage") << QStringLiteral("!!!! ???? //// ####") << ""
                             << "" << true;
    QTest::newRow("nothing but semicolons") << QStringLiteral(";;;;") << ""
                                            << "" << true;
    QTest::newRow("a keyword alone") << QStringLiteral("from") << ""
                                     << "" << true;
    QTest::newRow("a by keyword without a value")
        << QStringLiteral("by ; Tue, 3 Dec 2024 08:15:00 +0000") << ""
        << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("a parenthesis that never closes")
        << QStringLiteral(
               "from a.example.org (b.example.org [192.0.2.1] by c.example.com with ESMTP; Tue, 3 Dec "
               "2024 08:15:00 +0000")
        << "c.example.com"
        << "2024-12-03T08:15:00Z" << true;
    QTest::newRow("a closing parenthesis without an opening one")
        << QStringLiteral("from a.example.org b.example.org [192.0.2.1]) by c.example.com; Tue, 3 Dec 2024 "
                          "08:15:00 +0000")
        << "c.example.com"
        << "2024-12-03T08:15:00Z" << true;
    QTest::newRow("deeply nested comments")
        << QStringLiteral("from a.example.org ((((((x)))))) by c.example.com; Tue, 3 Dec 2024 08:15:00 +0000")
        << "c.example.com"
        << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("a bracket that never closes")
        << QStringLiteral(
               "from a.example.org (b [192.0.2.1) by c.example.com; Tue, 3 Dec 2024 08:15:00 +0000")
        << "c.example.com"
        << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("control characters and binary bytes")
        << QString(
               QStringLiteral("from a\x01.example.org by c.example.com\x7f; Tue, 3 Dec 2024 08:15:00 +0000") +
               QChar(u'\0') + QChar(u'\xfffd'))
        << "c.example.com"
        << "2024-12-03T08:15:00Z" << true;
    QTest::newRow("literal backslash-n escapes pasted from a log")
        << QStringLiteral(
               "from a.example.org (a.example.org [192.0.2.1])\\n\\tby c.example.com with ESMTP; Tue, "
               "3 Dec 2024 08:15:00 +0000")
        << "c.example.com"
        << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("words that merely look like keywords")
        << QStringLiteral(
               "from byway.example.org (withers.example.org [192.0.2.1]) by forum.example.com; Tue, 3 "
               "Dec 2024 08:15:00 +0000")
        << "forum.example.com"
        << "2024-12-03T08:15:00Z" << false;
    QTest::newRow("a by clause repeated")
        << QStringLiteral("by one.example.com by two.example.com; Tue, 3 Dec 2024 08:15:00 +0000")
        << "one.example.com"
        << "2024-12-03T08:15:00Z" << true;
}

void TestReceivedParser::survivesBadInput()
{
    QFETCH(QString, value);
    QFETCH(bool, warned);
    const ReceivedHop hop = ReceivedParser::parse(value);
    QTEST(hop.byHost, "by");
    QTEST(hop.hasTime() ? MailDate::toIsoUtc(hop.time) : QString(), "time");
    QCOMPARE(!hop.warnings.isEmpty(), warned);
}

void TestReceivedParser::keepsTheReceiverAddress()
{
    const ReceivedHop hop =
        ReceivedParser::parse(QStringLiteral("from a.example.org (192.0.2.5) by b.example.com (198.51.100.6) "
                                             "with Microsoft SMTP Server id 15.1.2; Tue, "
                                             "3 Dec 2024 08:15:00 +0000"));
    QCOMPARE(hop.byIp, QStringLiteral("198.51.100.6"));
    const ReceivedHop literal = ReceivedParser::parse(QStringLiteral(
        "from a.example.org by [IPv6:2001:db8::25] via smtpd; Tue, 3 Dec 2024 08:15:00 +0000"));
    QCOMPARE(literal.byHost, QStringLiteral("2001:db8::25"));
    QCOMPARE(literal.byIp, QStringLiteral("2001:db8::25"));
    QCOMPARE(literal.via, QStringLiteral("smtpd"));
}

void TestReceivedParser::keepsTheOriginalWithText()
{
    const ReceivedHop hop = ReceivedParser::parse(
        QStringLiteral("from alice (helo=ws) by mail.example.com with local-esmtps (Exim 4.96) id "
                       "1tI5y0-0003aF-6g; Tue, 3 Dec 2024 08:15:00 +0000"));
    QCOMPARE(hop.protocol, QStringLiteral("esmtps"));
    QCOMPARE(hop.withText, QStringLiteral("local-esmtps"));
    QCOMPARE(hop.tls, std::optional<bool>(true));
}

void TestReceivedParser::flagsAForgedReverseName()
{
    const ReceivedHop hop = ReceivedParser::parse(QStringLiteral(
        "from h.example.org (ptr.example.net [198.51.100.24] (may be forged)) by m.example.com "
        "(8.17.1/8.17.1) with ESMTP id 4B; Tue, 3 Dec 2024 03:15:00 -0500"));
    QVERIFY(hop.fromHostForged);
    QVERIFY(hop.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("ptr.example.net")));
}

void TestReceivedParser::notesAMissingZone()
{
    const ReceivedHop hop = ReceivedParser::parse(
        QStringLiteral("from a.example.org by b.example.com with SMTP; 30 Apr 2003 15:06:29"));
    QVERIFY(hop.hasTime());
    QVERIFY(!hop.timeZoneGiven);
    QVERIFY(hop.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("UTC was assumed")));
}

void TestReceivedParser::doesNotHangOnHugeInput()
{
    // Each of these would take quadratic time with a naive comment or bracket scanner.
    const QStringList inputs = {
        QStringLiteral("from ") + QString(100000, QLatin1Char('(')) + QStringLiteral(" by x.example.com"),
        QStringLiteral("from ") + QString(100000, QLatin1Char('[')) + QStringLiteral(" by x.example.com"),
        QStringLiteral("from ") + QString(100000, QLatin1Char('<')) + QStringLiteral(" by x.example.com"),
        QStringLiteral("from ") + QStringLiteral("a (b) ").repeated(20000) +
            QStringLiteral("; 3 Dec 2024 08:15"),
        QStringLiteral("; ").repeated(30000),
        QStringLiteral("from a.example.org by b.example.com; ") + QStringLiteral("Dec 3 ").repeated(20000),
    };
    for (const QString& input : inputs) {
        const ReceivedHop hop = ReceivedParser::parse(input);
        QVERIFY(hop.raw.size() <= 64 * 1024);
    }
    const ReceivedHop tooLong = ReceivedParser::parse(inputs.first());
    QVERIFY(tooLong.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("unusually long")));
}

QTEST_GUILESS_MAIN(TestReceivedParser)
#include "TestReceivedParser.moc"
