using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InsightsFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_Invoices_Status_DueDate",
                table: "Invoices");

            migrationBuilder.AddColumn<DateTime>(
                name: "AnsweredWaitSinceUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PortalJoinedAtUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            // What registration and replies keep from now on, worked out for what is already stored: a customer joined the
            // portal when its first portal user registered; a public staff reply answers the wait that began with the first
            // customer message after the previous public staff reply (system messages and internal notes answer nothing).
            migrationBuilder.Sql("""
                UPDATE Customers SET PortalJoinedAtUtc =
                    (SELECT MIN(RegisteredAtUtc) FROM PortalUsers WHERE PortalUsers.CustomerId = Customers.Id);
                """);
            migrationBuilder.Sql("""
                UPDATE Messages SET AnsweredWaitSinceUtc = WaitStart.SentAtUtc
                FROM (
                    SELECT Id, AuthorKind, PreviousKind,
                        -- ids grow with store order, so the largest wait-starting id so far is the wait this message is in
                        MAX(CASE WHEN AuthorKind = 'Customer' AND (PreviousKind IS NULL OR PreviousKind = 'Staff') THEN Id END)
                            OVER (PARTITION BY ThreadId ORDER BY Id) AS WaitStartId
                    FROM (
                        SELECT Id, ThreadId, AuthorKind, LAG(AuthorKind) OVER (PARTITION BY ThreadId ORDER BY Id) AS PreviousKind
                        FROM Messages
                        WHERE IsInternalNote = 0 AND AuthorKind IN ('Customer', 'Staff'))) AS Spoken
                JOIN Messages AS WaitStart ON WaitStart.Id = Spoken.WaitStartId
                WHERE Messages.Id = Spoken.Id AND Spoken.AuthorKind = 'Staff' AND Spoken.PreviousKind = 'Customer';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ReceivedAtUtc_Method_Status_PaidByPortalUserId_Amount",
                table: "Payments",
                columns: new[] { "ReceivedAtUtc", "Method", "Status", "PaidByPortalUserId", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageThreads_WaitingSinceUtc",
                table: "MessageThreads",
                column: "WaitingSinceUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AnsweredWaitSinceUtc_SentAtUtc_StaffUserId",
                table: "Messages",
                columns: new[] { "AnsweredWaitSinceUtc", "SentAtUtc", "StaffUserId" },
                filter: "\"AnsweredWaitSinceUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_PaidAtUtc_SentAtUtc_DueDate_PaidThroughPortal_Total_AmountPaid_VoidedAtUtc",
                table: "Invoices",
                columns: new[] { "PaidAtUtc", "SentAtUtc", "DueDate", "PaidThroughPortal", "Total", "AmountPaid", "VoidedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_DueDate_VoidedAtUtc_SentAtUtc_PaidAtUtc_PaidThroughPortal_Total_AmountPaid",
                table: "Invoices",
                columns: new[] { "Status", "DueDate", "VoidedAtUtc", "SentAtUtc", "PaidAtUtc", "PaidThroughPortal", "Total", "AmountPaid" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CreatedAtUtc_IsArchived_IsPendingReview_PortalJoinedAtUtc",
                table: "Customers",
                columns: new[] { "CreatedAtUtc", "IsArchived", "IsPendingReview", "PortalJoinedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_ReceivedAtUtc_Method_Status_PaidByPortalUserId_Amount",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_MessageThreads_WaitingSinceUtc",
                table: "MessageThreads");

            migrationBuilder.DropIndex(
                name: "IX_Messages_AnsweredWaitSinceUtc_SentAtUtc_StaffUserId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_PaidAtUtc_SentAtUtc_DueDate_PaidThroughPortal_Total_AmountPaid_VoidedAtUtc",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_DueDate_VoidedAtUtc_SentAtUtc_PaidAtUtc_PaidThroughPortal_Total_AmountPaid",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Customers_CreatedAtUtc_IsArchived_IsPendingReview_PortalJoinedAtUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AnsweredWaitSinceUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "PortalJoinedAtUtc",
                table: "Customers");

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
                name: "IX_Invoices_Status_DueDate",
                table: "Invoices",
                columns: new[] { "Status", "DueDate" });
        }
    }
}
