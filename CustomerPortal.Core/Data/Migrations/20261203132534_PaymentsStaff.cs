using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaymentsStaff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentRefunds_PaymentId",
                table: "PaymentRefunds");

            migrationBuilder.AddColumn<string>(
                name: "RequestId",
                table: "PaymentRefunds",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherWaysToPay",
                table: "CompanySettings",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefunds_PaymentId_RequestId",
                table: "PaymentRefunds",
                columns: new[] { "PaymentId", "RequestId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentRefunds_PaymentId_RequestId",
                table: "PaymentRefunds");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "PaymentRefunds");

            migrationBuilder.DropColumn(
                name: "OtherWaysToPay",
                table: "CompanySettings");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRefunds_PaymentId",
                table: "PaymentRefunds",
                column: "PaymentId");
        }
    }
}
