#include "MimePart.h"

#include "Charset.h"

namespace headerlens {

QString MimePart::text() const
{
    return Charset::decode(content, charset);
}

QList<const MimePart*> MimePart::leaves() const
{
    QList<const MimePart*> result;
    if (children.isEmpty()) {
        result.append(this);
        return result;
    }
    for (const MimePart& child : children)
        result += child.leaves();
    return result;
}

} // namespace headerlens
