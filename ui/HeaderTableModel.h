#pragma once

#include "HeaderField.h"

#include <QAbstractTableModel>

namespace headerlens {

// Header fields in input order, duplicates included: number, name, decoded value, raw value.
class HeaderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IndexColumn,
        NameColumn,
        ValueColumn,
        RawColumn,
        ColumnCount
    };
    enum Role
    {
        FieldTextRole = Qt::UserRole + 1, // "Name: raw value" as in the message
    };

    explicit HeaderTableModel(QObject* parent = nullptr);

    void setHeaders(const HeaderList& headers);
    const HeaderList& headers() const { return m_headers; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The raw bytes of a value as text (UTF-8, invalid bytes replaced), folding kept.
    static QString rawText(const HeaderField& field);
    // "Name:raw" exactly as the field stood (folding kept).
    static QString fieldText(const HeaderField& field);

private:
    HeaderList m_headers;
};

} // namespace headerlens
