using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffHomeInsightsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PaidAtUtc",
                table: "Invoices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PaidThroughPortal",
                table: "Invoices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_PortalUsers_Status_InvitedAtUtc",
                table: "PortalUsers",
                columns: new[] { "Status", "InvitedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ReceivedAtUtc",
                table: "Payments",
                column: "ReceivedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SentAtUtc",
                table: "Messages",
                column: "SentAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_PaidAtUtc",
                table: "Invoices",
                column: "PaidAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_SentAtUtc",
                table: "Invoices",
                column: "SentAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_DueDate",
                table: "Invoices",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_SentAtUtc",
                table: "Estimates",
                column: "SentAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_Status_ExpiresOn",
                table: "Estimates",
                columns: new[] { "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_AtUtc",
                table: "AuditEvents",
                columns: new[] { "Action", "AtUtc" });

            // Invoices already paid in full: settled when the newest succeeded payment allocated to them was received.
            migrationBuilder.Sql("""
                UPDATE Invoices SET PaidAtUtc = (
                    SELECT MAX(p.ReceivedAtUtc) FROM PaymentAllocations a JOIN Payments p ON p.Id = a.PaymentId
                    WHERE a.InvoiceId = Invoices.Id AND p.Status = 'Succeeded'),
                  PaidThroughPortal = COALESCE((
                    SELECT p.PaidByPortalUserId IS NOT NULL FROM PaymentAllocations a JOIN Payments p ON p.Id = a.PaymentId
                    WHERE a.InvoiceId = Invoices.Id AND p.Status = 'Succeeded'
                    ORDER BY p.ReceivedAtUtc DESC, p.PaidByPortalUserId IS NOT NULL DESC LIMIT 1), 0)
                WHERE AmountDue = 0 AND AmountPaid > 0;
                """);

            foreach (var statement in SearchIndexCreate) migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SearchIndexDrop) migrationBuilder.Sql(statement);

            migrationBuilder.DropIndex(
                name: "IX_PortalUsers_Status_InvitedAtUtc",
                table: "PortalUsers");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ReceivedAtUtc",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Messages_SentAtUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_PaidAtUtc",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_SentAtUtc",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_DueDate",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Estimates_SentAtUtc",
                table: "Estimates");

            migrationBuilder.DropIndex(
                name: "IX_Estimates_Status_ExpiresOn",
                table: "Estimates");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_AtUtc",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "PaidAtUtc",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "PaidThroughPortal",
                table: "Invoices");
        }

        // The staff search index (see Search/SearchIndexKinds): an FTS5 trigram table kept by triggers, filled from what exists.
        private static readonly string[] SearchIndexCreate =
        [
            """
            CREATE VIRTUAL TABLE SearchIndex USING fts5(Text, Kind UNINDEXED, RecordId UNINDEXED, CustomerId UNINDEXED, tokenize = 'trigram remove_diacritics 1');
            """,
            """
            CREATE TRIGGER SearchIndex_Customers_Insert AFTER INSERT ON Customers BEGIN INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) VALUES (new.Id * 8 + 0, new.SearchText, 'Customer', new.Id, new.Id); END;
            """,
            """
            CREATE TRIGGER SearchIndex_Customers_Update AFTER UPDATE OF SearchText ON Customers BEGIN UPDATE SearchIndex SET Text = new.SearchText WHERE rowid = new.Id * 8 + 0; END;
            """,
            """
            CREATE TRIGGER SearchIndex_Customers_Delete AFTER DELETE ON Customers BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 8 + 0; END;
            """,
            """
            INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) SELECT Id * 8 + 0, SearchText, 'Customer', Id, Id FROM Customers;
            """,
            """
            CREATE TRIGGER SearchIndex_Jobs_Insert AFTER INSERT ON Jobs BEGIN INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) VALUES (new.Id * 8 + 1, new.Number || ' ' || new.Title, 'Job', new.Id, new.CustomerId); END;
            """,
            """
            CREATE TRIGGER SearchIndex_Jobs_Update AFTER UPDATE OF Number, Title ON Jobs BEGIN UPDATE SearchIndex SET Text = new.Number || ' ' || new.Title WHERE rowid = new.Id * 8 + 1; END;
            """,
            """
            CREATE TRIGGER SearchIndex_Jobs_Delete AFTER DELETE ON Jobs BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 8 + 1; END;
            """,
            """
            INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) SELECT Id * 8 + 1, Number || ' ' || Title, 'Job', Id, CustomerId FROM Jobs;
            """,
            """
            CREATE TRIGGER SearchIndex_Estimates_Insert AFTER INSERT ON Estimates BEGIN INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) VALUES (new.Id * 8 + 2, new.Number || ' ' || new.Title, 'Estimate', new.Id, new.CustomerId); END;
            """,
            """
            CREATE TRIGGER SearchIndex_Estimates_Update AFTER UPDATE OF Number, Title ON Estimates BEGIN UPDATE SearchIndex SET Text = new.Number || ' ' || new.Title WHERE rowid = new.Id * 8 + 2; END;
            """,
            """
            CREATE TRIGGER SearchIndex_Estimates_Delete AFTER DELETE ON Estimates BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 8 + 2; END;
            """,
            """
            INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) SELECT Id * 8 + 2, Number || ' ' || Title, 'Estimate', Id, CustomerId FROM Estimates;
            """,
            """
            CREATE TRIGGER SearchIndex_Invoices_Insert AFTER INSERT ON Invoices BEGIN INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) VALUES (new.Id * 8 + 3, new.Number || ' ' || new.Title, 'Invoice', new.Id, new.CustomerId); END;
            """,
            """
            CREATE TRIGGER SearchIndex_Invoices_Update AFTER UPDATE OF Number, Title ON Invoices BEGIN UPDATE SearchIndex SET Text = new.Number || ' ' || new.Title WHERE rowid = new.Id * 8 + 3; END;
            """,
            """
            CREATE TRIGGER SearchIndex_Invoices_Delete AFTER DELETE ON Invoices BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 8 + 3; END;
            """,
            """
            INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) SELECT Id * 8 + 3, Number || ' ' || Title, 'Invoice', Id, CustomerId FROM Invoices;
            """,
            """
            CREATE TRIGGER SearchIndex_Payments_Insert AFTER INSERT ON Payments BEGIN INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) VALUES (new.Id * 8 + 4, new.Number, 'Payment', new.Id, new.CustomerId); END;
            """,
            """
            CREATE TRIGGER SearchIndex_Payments_Update AFTER UPDATE OF Number ON Payments BEGIN UPDATE SearchIndex SET Text = new.Number WHERE rowid = new.Id * 8 + 4; END;
            """,
            """
            CREATE TRIGGER SearchIndex_Payments_Delete AFTER DELETE ON Payments BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 8 + 4; END;
            """,
            """
            INSERT INTO SearchIndex(rowid, Text, Kind, RecordId, CustomerId) SELECT Id * 8 + 4, Number, 'Payment', Id, CustomerId FROM Payments;
            """,
        ];

        private static readonly string[] SearchIndexDrop =
        [
            """
            DROP TRIGGER IF EXISTS SearchIndex_Customers_Insert;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Customers_Update;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Customers_Delete;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Jobs_Insert;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Jobs_Update;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Jobs_Delete;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Estimates_Insert;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Estimates_Update;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Estimates_Delete;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Invoices_Insert;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Invoices_Update;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Invoices_Delete;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Payments_Insert;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Payments_Update;
            """,
            """
            DROP TRIGGER IF EXISTS SearchIndex_Payments_Delete;
            """,
            """
            DROP TABLE IF EXISTS SearchIndex;
            """,
        ];
    }
}
