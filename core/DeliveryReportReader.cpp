#include "DeliveryReportReader.h"

namespace headerlens {

DeliveryReport DeliveryReportReader::read(const ParsedMessage& /*message*/)
{
    return {};
}

} // namespace headerlens
