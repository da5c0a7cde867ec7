#pragma once

#include <QString>

namespace headerlens {

// Organizational domains (RFC 7489 section 3.2) from the Public Suffix List, read at run time
// through libpsl: Debian's publicsuffix package (/usr/share/publicsuffix), else the copy built
// into libpsl, else a last-two-labels guess that says so. The list is never copied into the
// repository. Private suffixes count (*.compute.amazonaws.com, github.io), as DMARC
// implementations that read the whole list do.
class PublicSuffixList final
{
public:
    enum class Source
    {
        SystemList, // Debian's publicsuffix package
        File,       // a list named by HEADERLENS_PSL_FILE or the constructor
        Builtin,    // libpsl's built-in copy
        None        // no list at all: the last two labels
    };

    // The list every analysis uses, loaded once. HEADERLENS_PSL_FILE in the environment names
    // another list file (.dat or .dafsa).
    static const PublicSuffixList& system();
    // A list read from `path`; when it cannot be read, libpsl's built-in copy (if `allowBuiltin`)
    // or none.
    explicit PublicSuffixList(const QString& path, bool allowBuiltin = true);
    ~PublicSuffixList();
    PublicSuffixList(const PublicSuffixList&) = delete;
    PublicSuffixList& operator=(const PublicSuffixList&) = delete;

    // The organizational domain of an A-label domain in lower case (DomainName::toAscii):
    // "mail.example.co.uk" -> "example.co.uk". A public suffix or an address literal is its own.
    QString organizationalDomain(const QString& asciiDomain) const;
    bool isPublicSuffix(const QString& asciiDomain) const;

    Source source() const { return m_source; }
    // Where the list comes from, for the views: "Public Suffix List from /usr/share/...".
    QString description() const { return m_description; }
    // Non-empty when the system list could not be used: what is used instead and how to fix it.
    QString problem() const { return m_problem; }

private:
    QString findOrganizationalDomain(const QString& asciiDomain) const;
    PublicSuffixList();
    void load(const QString& path, bool allowBuiltin, bool isSystemPath);

    const void* m_context = nullptr; // psl_ctx_t; libpsl stays out of the header
    bool m_owned = false;
    Source m_source = Source::None;
    QString m_description;
    QString m_problem;
};

} // namespace headerlens
