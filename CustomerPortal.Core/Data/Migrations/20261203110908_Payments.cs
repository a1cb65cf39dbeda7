using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows get the same values as new ones: payments recorded so far were staff's (Manual), and the
            // company keeps card payments on with the default limits (money columns are ten-thousandths: 10.00 and 5000.00).
            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "Payments",
                type: "TEXT",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "FailureMessage",
                table: "Payments",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ForEstimateId",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ForInvoiceId",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Payments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsReview",
                table: "Payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProcessorStatus",
                table: "Payments",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "Payments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Manual");

            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "Payments",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "CardPaymentsEnabled",
                table: "CompanySettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "CreditTopUpMaximum",
                table: "CompanySettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50_000_000L);

            migrationBuilder.AddColumn<long>(
                name: "CreditTopUpMinimum",
                table: "CompanySettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100_000L);

            migrationBuilder.AddColumn<long>(
                name: "MinimumPartPayment",
                table: "CompanySettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100_000L);

            migrationBuilder.AddColumn<bool>(
                name: "PartPaymentsAllowed",
                table: "CompanySettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PaymentRefunds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RefundedByStaffUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProcessorRefundId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRefunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentRefunds_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProcessorCustomers",
                columns: table => new
                {
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Processor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProcessorCustomerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessorCustomers", x => new { x.CustomerId, x.Processor });
                    table.ForeignKey(
                        name: "FK_ProcessorCustomers_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProcessorEventReceipts",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PaymentId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessorEventReceipts", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_ProcessorEventReceipts_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentRefundLine",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentRefundId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvoiceId = table.Column<int>(type: "INTEGER", nullable: true),
                    EstimateId = table.Column<int>(type: "INTEGER", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRefundLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentRefundLine_Estimates_EstimateId",
                        column: x => x.EstimateId,
                        principalTable: "Estimates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentRefundLine_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentRefundLine_PaymentRefunds_PaymentRefundId",
                        column: x => x.PaymentRefundId,
                        principalTable: "PaymentRefunds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ForEstimateId",
                table: "Payments",
                column: "ForEstimateId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ForInvoiceId",
                table: "Payments",
                column: "ForInvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_IdempotencyKey",
                table: "Payments",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Status_NeedsReview",
                table: "Payments",
                columns: new[] { "Status", "NeedsReview" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefundLine_EstimateId",
                table: "PaymentRefundLine",
                column: "EstimateId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefundLine_InvoiceId",
                table: "PaymentRefundLine",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefundLine_PaymentRefundId",
                table: "PaymentRefundLine",
                column: "PaymentRefundId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefunds_PaymentId",
                table: "PaymentRefunds",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefunds_ProcessorRefundId",
                table: "PaymentRefunds",
                column: "ProcessorRefundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessorCustomers_Processor_ProcessorCustomerId",
                table: "ProcessorCustomers",
                columns: new[] { "Processor", "ProcessorCustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessorEventReceipts_PaymentId",
                table: "ProcessorEventReceipts",
                column: "PaymentId");

            migrationBuilder.AddForeignKey(
                name: "FK_Payments_Estimates_ForEstimateId",
                table: "Payments",
                column: "ForEstimateId",
                principalTable: "Estimates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Payments_Invoices_ForInvoiceId",
                table: "Payments",
                column: "ForInvoiceId",
                principalTable: "Invoices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Payments_Estimates_ForEstimateId",
                table: "Payments");

            migrationBuilder.DropForeignKey(
                name: "FK_Payments_Invoices_ForInvoiceId",
                table: "Payments");

            migrationBuilder.DropTable(
                name: "PaymentRefundLine");

            migrationBuilder.DropTable(
                name: "ProcessorCustomers");

            migrationBuilder.DropTable(
                name: "ProcessorEventReceipts");

            migrationBuilder.DropTable(
                name: "PaymentRefunds");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ForEstimateId",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ForInvoiceId",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_IdempotencyKey",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_Status_NeedsReview",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "FailureMessage",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ForEstimateId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ForInvoiceId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "NeedsReview",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ProcessorStatus",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "CardPaymentsEnabled",
                table: "CompanySettings");

            migrationBuilder.DropColumn(
                name: "CreditTopUpMaximum",
                table: "CompanySettings");

            migrationBuilder.DropColumn(
                name: "CreditTopUpMinimum",
                table: "CompanySettings");

            migrationBuilder.DropColumn(
                name: "MinimumPartPayment",
                table: "CompanySettings");

            migrationBuilder.DropColumn(
                name: "PartPaymentsAllowed",
                table: "CompanySettings");
        }
    }
}
