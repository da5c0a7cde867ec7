#include "HeaderField.h"

namespace headerlens {

const HeaderField* findHeader(const HeaderList& headers, QStringView name)
{
    for (const HeaderField& field : headers) {
        if (field.isNamed(name))
            return &field;
    }
    return nullptr;
}

QString headerValue(const HeaderList& headers, QStringView name)
{
    const HeaderField* field = findHeader(headers, name);
    return field ? field->value : QString();
}

HeaderList headersNamed(const HeaderList& headers, QStringView name)
{
    HeaderList result;
    for (const HeaderField& field : headers) {
        if (field.isNamed(name))
            result.append(field);
    }
    return result;
}

} // namespace headerlens
